package org.parley.proxy.core;

import java.util.List;
import org.parley.message.HeaderName;
import org.parley.message.Method;
import org.parley.message.RequestBuilder;
import org.parley.message.SipRequest;
import org.parley.message.header.Credentials;
import org.parley.message.uri.SipUri;
import org.parley.proxy.auth.AuthResult;
import org.parley.proxy.auth.AuthRole;
import org.parley.proxy.auth.DigestServer;

/**
 * Authentication at the proxy, RFC 3261 §22.3: INVITE, MESSAGE and SUBSCRIBE outside a dialog whose
 * From is one of our domains need credentials for that domain's realm (407 with Proxy-Authenticate
 * otherwise, from {@link DigestServer} in the {@link AuthRole#PROXY} role); requests from other domains
 * are not challenged. The Proxy-Authorization of our realm is consumed here; others' go on. Stateless;
 * the continuation runs on the request's lane.
 */
final class Authentication {
    private Authentication() {
    }

    /** True when {@code r} must carry credentials of ours. */
    static boolean isNeeded(SipRequest r, ProxyConfig config) {
        if (r.toTag().isPresent()) {
            return false;
        }
        Method m = r.method();
        if (!m.equals(Method.INVITE) && !m.equals(Method.MESSAGE) && !m.equals(Method.SUBSCRIBE)) {
            return false;
        }
        return r.from().uri() instanceof SipUri from && config.serves(from.host().text());
    }

    /**
     * Checks the credentials of the context's request; on success replaces the request by one without
     * our credentials and runs {@code then} on the lane, else answers the refusal (407, 400, 403) or a
     * 500 naming the failed store.
     */
    static void run(Proxy proxy, DigestServer digest, ResponseContext ctx, Runnable then) {
        SipRequest r = ctx.request();
        String domain = ((SipUri) r.from().uri()).host().text();
        String realm = proxy.config().realmOf(domain).orElse(domain);
        String callId = r.callId();
        digest.authenticate(r, domain, realm, AuthRole.PROXY).whenComplete((result, error) ->
                proxy.layer().execute(callId, () -> {
                    if (error != null) {
                        ctx.answer(Replies.to(r, 500, Replies.reason("Server Internal Error",
                                "subscriber store: " + Proxy.cause(error))).build());
                    } else if (result instanceof AuthResult.Refused refused) {
                        ctx.answer(refused.response());
                    } else {
                        ctx.request(withoutCredentials(r, realm));
                        then.run();
                    }
                }));
    }

    /** §22.3: the Proxy-Authorization of our realm is consumed here; others' go on. */
    private static SipRequest withoutCredentials(SipRequest r, String realm) {
        List<String> values = r.headerValues(HeaderName.PROXY_AUTHORIZATION);
        RequestBuilder b = r.toBuilder().remove(HeaderName.PROXY_AUTHORIZATION);
        for (String v : values) {
            boolean ours;
            try {
                ours = Credentials.parse(v).realm().map(realm::equals).orElse(false);
            } catch (RuntimeException e) {
                ours = false;
            }
            if (!ours) {
                b.add(HeaderName.PROXY_AUTHORIZATION, v);
            }
        }
        return b.build();
    }
}
