package org.parley.message;

import java.util.List;

/**
 * Every {@link HeaderName} constant, listed by hand on the test side so that tests and fuzz targets
 * can walk all known headers; {@code MessageRoundTripPropertyTest} checks that the list is complete.
 */
final class KnownHeaders {
    static final List<HeaderName> ALL = List.of(
            HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ,
            HeaderName.MAX_FORWARDS, HeaderName.CONTACT, HeaderName.ROUTE, HeaderName.RECORD_ROUTE, HeaderName.PATH,
            HeaderName.CONTENT_LENGTH, HeaderName.CONTENT_TYPE, HeaderName.CONTENT_ENCODING, HeaderName.EXPIRES,
            HeaderName.MIN_EXPIRES, HeaderName.WWW_AUTHENTICATE, HeaderName.AUTHORIZATION,
            HeaderName.PROXY_AUTHENTICATE, HeaderName.PROXY_AUTHORIZATION, HeaderName.REQUIRE, HeaderName.SUPPORTED,
            HeaderName.UNSUPPORTED, HeaderName.PROXY_REQUIRE, HeaderName.ALLOW, HeaderName.EVENT,
            HeaderName.ALLOW_EVENTS, HeaderName.SUBSCRIPTION_STATE, HeaderName.REFER_TO, HeaderName.REFERRED_BY,
            HeaderName.TIMESTAMP, HeaderName.USER_AGENT, HeaderName.SERVER, HeaderName.SUBJECT, HeaderName.ACCEPT,
            HeaderName.ACCEPT_ENCODING, HeaderName.ACCEPT_LANGUAGE, HeaderName.DATE, HeaderName.RETRY_AFTER,
            HeaderName.WARNING, HeaderName.CONTENT_LANGUAGE, HeaderName.CONTENT_DISPOSITION, HeaderName.PRIORITY,
            HeaderName.ORGANIZATION, HeaderName.REPLY_TO, HeaderName.SESSION_EXPIRES, HeaderName.REPLACES,
            HeaderName.REQUEST_DISPOSITION, HeaderName.ACCEPT_CONTACT, HeaderName.REJECT_CONTACT,
            HeaderName.IDENTITY, HeaderName.CALL_INFO, HeaderName.ALERT_INFO, HeaderName.ERROR_INFO,
            HeaderName.IN_REPLY_TO, HeaderName.MIME_VERSION);

    private KnownHeaders() {
    }
}
