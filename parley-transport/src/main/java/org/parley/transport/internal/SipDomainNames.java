package org.parley.transport.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The SIP domain identities of a certificate and their comparison with a host name, as RFC 5922 §7
 * says. Stateless.
 *
 * <pre>
 *   subjectAltName URI "sip:example.com" ─┐  (§7.1: no user part; §7.2: no wildcards)
 *   subjectAltName DNS "example.com" ─────┼─► identities, lower case ─► equal to the target host?
 *   subject CN, only without the above ───┘
 *   target given as an IP address ─► subjectAltName iPAddress entries instead
 * </pre>
 */
public final class SipDomainNames {
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;

    private SipDomainNames() {
    }

    /**
     * The SIP domain identities of {@code certificate} (RFC 5922 §7.1), lower case: the hosts of
     * {@code sip:} URIs without a user part and the DNS names among the subjectAltNames, or, when
     * there are none, the subject's CN. Entries with a wildcard are left out (§7.2).
     */
    public static List<String> identities(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        for (List<?> entry : subjectAltNames(certificate)) {
            int type = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            if (type == SAN_URI) {
                sipUriDomain(value).ifPresent(names::add);
            } else if (type == SAN_DNS) {
                names.add(normalize(value));
            }
        }
        if (names.isEmpty()) {
            commonName(certificate).ifPresent(cn -> names.add(normalize(cn)));
        }
        names.removeIf(n -> n.indexOf('*') >= 0 || n.isEmpty());
        return List.copyOf(names);
    }

    /** The identities of the peer's leaf certificate, or none when the peer sent no certificate. */
    public static List<String> peerIdentities(SSLSession session) {
        try {
            if (session.getPeerCertificates()[0] instanceof X509Certificate leaf) {
                return identities(leaf);
            }
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate (client auth NONE or OPTIONAL): no identity to report.
        }
        return List.of();
    }

    /**
     * True when {@code certificate} names {@code host} (RFC 5922 §7.3): a domain equal to one of its
     * identities, ignoring case; an IP literal equal to one of its iPAddress entries.
     */
    public static boolean matches(X509Certificate certificate, String host) {
        if (isIpLiteral(host)) {
            InetAddress wanted = literal(host);
            for (List<?> entry : subjectAltNames(certificate)) {
                if ((Integer) entry.get(0) == SAN_IP && wanted.equals(literal(String.valueOf(entry.get(1))))) {
                    return true;
                }
            }
            return false;
        }
        return identities(certificate).contains(normalize(host));
    }

    /** True for an IPv4 dotted quad or an IPv6 literal, with or without brackets. */
    public static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.startsWith("[")
                || host.matches("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static InetAddress literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!isIpLiteral(bare)) {
            return null;
        }
        try {
            // Only literals reach here, so no name lookup happens.
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Optional<String> sipUriDomain(String uri) {
        if (!uri.regionMatches(true, 0, "sip:", 0, 4)) {
            return Optional.empty();
        }
        String rest = uri.substring(4);
        if (rest.indexOf('@') >= 0) {
            // RFC 5922 §7.1: a URI with a user part identifies a user, not the domain.
            return Optional.empty();
        }
        int end = rest.length();
        for (char stop : new char[] {';', '?', ':'}) {
            int i = rest.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return Optional.of(normalize(rest.substring(0, end)));
    }

    private static Optional<String> commonName(X509Certificate certificate) {
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            // LdapName lists the most significant RDN first; the most specific CN is the last one.
            String cn = null;
            for (Rdn rdn : rdns) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return Optional.ofNullable(cn);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
