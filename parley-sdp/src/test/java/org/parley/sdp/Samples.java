package org.parley.sdp;

/** Real-world shaped session descriptions shared by the tests, with CRLF line ends. */
final class Samples {
    private Samples() {
    }

    /** A softphone's audio offer with telephone-event (RFC 4733), as Linphone or MicroSIP send. */
    static final String SOFTPHONE = crlf("""
        v=0
        o=alice 2890844526 2890844526 IN IP4 192.0.2.10
        s=Talk
        c=IN IP4 192.0.2.10
        b=AS:80
        t=0 0
        a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
        m=audio 7078 RTP/AVP 96 0 8 101
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=rtcp:7079
        a=sendrecv
        """);

    /** A WebRTC-like offer: BUNDLE group, ICE candidates, DTLS fingerprint and setup, mid, rtcp-mux. */
    static final String WEBRTC = crlf("""
        v=0
        o=- 4611731400430051336 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0 1
        a=extmap-allow-mixed
        a=msid-semantic: WMS stream1
        m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
        c=IN IP4 0.0.0.0
        a=rtcp:9 IN IP4 0.0.0.0
        a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0
        a=candidate:435653019 1 udp 1845501695 203.0.113.7 46243 typ srflx raddr 192.168.0.196 rport 46243
        a=ice-ufrag:6sFv
        a=ice-pwd:cOTZKZNVlO9RSGsEGM63JXT2
        a=ice-options:trickle
        a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2:7D:62:C9:9A:7F:B9:A3:F4:70:03:EB:1A:\
        1F:4F:97:0C
        a=setup:actpass
        a=mid:0
        a=sendrecv
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        a=rtcp-fb:111 transport-cc
        a=fmtp:111 minptime=10;useinbandfec=1
        a=rtpmap:63 red/48000/2
        a=fmtp:63 111/111
        a=rtpmap:9 G722/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:13 CN/8000
        a=rtpmap:110 telephone-event/48000
        a=rtpmap:126 telephone-event/8000
        a=ssrc:1001 cname:abcd
        m=video 9 UDP/TLS/RTP/SAVPF 96 97
        c=IN IP4 0.0.0.0
        a=ice-ufrag:6sFv
        a=ice-pwd:cOTZKZNVlO9RSGsEGM63JXT2
        a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2:7D:62:C9:9A:7F:B9:A3:F4:70:03:EB:1A:\
        1F:4F:97:0C
        a=setup:actpass
        a=mid:1
        a=recvonly
        a=rtcp-mux
        a=rtpmap:96 VP8/90000
        a=rtpmap:97 rtx/90000
        a=fmtp:97 apt=96
        """);

    /** An IPv6 offer with SDES keys (RFC 4568). */
    static final String IPV6 = crlf("""
        v=0
        o=bob 3724394400 3724394405 IN IP6 2001:db8::2
        s=-
        c=IN IP6 2001:db8::2
        t=0 0
        m=audio 49172 RTP/SAVP 9 0 101
        a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4
        a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:4 UNENCRYPTED_SRTCP
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=sendonly
        """);

    /** A multicast session in the shape of RFC 8866 §5's example, with repeat and time zone lines. */
    static final String MULTICAST = crlf("""
        v=0
        o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1
        s=Call to John Smith
        i=SDP Offer #1
        u=http://www.jdoe.example.com/home.html
        e=Jane Doe <jane@jdoe.example.com>
        p=+1 617 555-6011
        c=IN IP4 233.252.0.1/127/3
        t=3034423619 3042462419
        r=7d 1h 0 25h
        z=2882844526 -1h 2898848070 0
        a=recvonly
        m=audio 49170/2 RTP/AVP 0
        m=video 51372 RTP/AVP 99
        c=IN IP4 233.252.0.2/127
        b=AS:256
        a=rtpmap:99 h263-1998/90000
        """);

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }
}
