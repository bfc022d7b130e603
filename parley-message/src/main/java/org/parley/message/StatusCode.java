package org.parley.message;

/**
 * Status codes and their default reason phrases (RFC 3261 §21 and the extensions Parley answers
 * with). The vocabulary is open: {@link #reasonPhrase(int)} gives a generic phrase for any code of
 * a known class. Stateless.
 */
public final class StatusCode {
    /** 100 Trying, RFC 3261 §21.1.1. */
    public static final int TRYING = 100;
    /** 180 Ringing. */
    public static final int RINGING = 180;
    /** 183 Session Progress. */
    public static final int SESSION_PROGRESS = 183;
    /** 200 OK. */
    public static final int OK = 200;
    /** 202 Accepted, RFC 6665. */
    public static final int ACCEPTED = 202;
    /** 400 Bad Request, RFC 3261 §21.4.1. */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized. */
    public static final int UNAUTHORIZED = 401;
    /** 403 Forbidden. */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found. */
    public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed. */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 406 Not Acceptable. */
    public static final int NOT_ACCEPTABLE = 406;
    /** 407 Proxy Authentication Required. */
    public static final int PROXY_AUTHENTICATION_REQUIRED = 407;
    /** 408 Request Timeout. */
    public static final int REQUEST_TIMEOUT = 408;
    /** 413 Request Entity Too Large. */
    public static final int REQUEST_ENTITY_TOO_LARGE = 413;
    /** 415 Unsupported Media Type. */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** 416 Unsupported URI Scheme. */
    public static final int UNSUPPORTED_URI_SCHEME = 416;
    /** 420 Bad Extension. */
    public static final int BAD_EXTENSION = 420;
    /** 423 Interval Too Brief. */
    public static final int INTERVAL_TOO_BRIEF = 423;
    /** 480 Temporarily Unavailable. */
    public static final int TEMPORARILY_UNAVAILABLE = 480;
    /** 481 Call/Transaction Does Not Exist. */
    public static final int CALL_DOES_NOT_EXIST = 481;
    /** 482 Loop Detected. */
    public static final int LOOP_DETECTED = 482;
    /** 483 Too Many Hops. */
    public static final int TOO_MANY_HOPS = 483;
    /** 486 Busy Here. */
    public static final int BUSY_HERE = 486;
    /** 487 Request Terminated. */
    public static final int REQUEST_TERMINATED = 487;
    /** 488 Not Acceptable Here. */
    public static final int NOT_ACCEPTABLE_HERE = 488;
    /** 491 Request Pending. */
    public static final int REQUEST_PENDING = 491;
    /** 500 Server Internal Error. */
    public static final int SERVER_INTERNAL_ERROR = 500;
    /** 501 Not Implemented. */
    public static final int NOT_IMPLEMENTED = 501;
    /** 503 Service Unavailable. */
    public static final int SERVICE_UNAVAILABLE = 503;
    /** 505 Version Not Supported. */
    public static final int VERSION_NOT_SUPPORTED = 505;
    /** 513 Message Too Large. */
    public static final int MESSAGE_TOO_LARGE = 513;
    /** 603 Decline. */
    public static final int DECLINE = 603;

    private StatusCode() {
    }

    /** True for a code a SIP status line may carry (RFC 3261 §7.2: 100 to 699). */
    public static boolean isValid(int code) {
        return code >= 100 && code <= 699;
    }

    /** The default reason phrase for a code; a generic one for codes RFC 3261 §21 does not name. */
    public static String reasonPhrase(int code) {
        return switch (code) {
            case 100 -> "Trying";
            case 180 -> "Ringing";
            case 181 -> "Call Is Being Forwarded";
            case 182 -> "Queued";
            case 183 -> "Session Progress";
            case 199 -> "Early Dialog Terminated";
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Notification";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Moved Temporarily";
            case 305 -> "Use Proxy";
            case 380 -> "Alternative Service";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 412 -> "Conditional Request Failed";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request-URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Unsupported URI Scheme";
            case 420 -> "Bad Extension";
            case 421 -> "Extension Required";
            case 422 -> "Session Interval Too Small";
            case 423 -> "Interval Too Brief";
            case 480 -> "Temporarily Unavailable";
            case 481 -> "Call/Transaction Does Not Exist";
            case 482 -> "Loop Detected";
            case 483 -> "Too Many Hops";
            case 484 -> "Address Incomplete";
            case 485 -> "Ambiguous";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            case 488 -> "Not Acceptable Here";
            case 489 -> "Bad Event";
            case 491 -> "Request Pending";
            case 493 -> "Undecipherable";
            case 500 -> "Server Internal Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Server Time-out";
            case 505 -> "Version Not Supported";
            case 513 -> "Message Too Large";
            case 600 -> "Busy Everywhere";
            case 603 -> "Decline";
            case 604 -> "Does Not Exist Anywhere";
            case 606 -> "Not Acceptable";
            default -> genericPhrase(code);
        };
    }

    private static String genericPhrase(int code) {
        return switch (code / 100) {
            case 1 -> "Provisional";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            case 6 -> "Global Failure";
            default -> throw new IllegalArgumentException("status code must be 100..699, was " + code);
        };
    }
}
