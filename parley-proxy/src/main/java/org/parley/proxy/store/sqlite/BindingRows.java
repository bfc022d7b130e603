package org.parley.proxy.store.sqlite;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.parley.message.HeaderValues;
import org.parley.message.header.Address;
import org.parley.message.header.Contact;
import org.parley.proxy.location.AddressOfRecord;
import org.parley.proxy.location.Binding;
import org.parley.transport.Source;
import org.parley.transport.Transport;

/**
 * How a {@link Binding} maps to a row of the {@code binding} table and back. Text columns hold the
 * wire forms Parley parses anyway: the Contact as {@link Contact#toString()}, the Path as one Path
 * header value (RFC 3327 §4), addresses as numeric literals. Stateless.
 */
final class BindingRows {
    /** The columns in the order {@link #bind} fills and {@link #read} reads them. */
    static final String COLUMNS = "aor, position, contact, expires_at, call_id, cseq, path, instance_id, reg_id,"
            + " transport, remote_host, remote_port, local_host, local_port, connection_id, peer_identities,"
            + " user_agent";
    /** As many placeholders as {@link #COLUMNS}. */
    static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private BindingRows() {
    }

    /** Fills the parameters of an insert of {@link #COLUMNS} with binding {@code b} at {@code position}. */
    static void bind(PreparedStatement s, Binding b, int position) throws SQLException {
        s.setString(1, b.aor().key());
        s.setInt(2, position);
        s.setString(3, b.contact().toString());
        s.setLong(4, b.expiresAt().toEpochMilli());
        s.setString(5, b.callId());
        s.setLong(6, b.cseq());
        s.setString(7, String.join(", ", b.path().stream().map(Address::toString).toList()));
        s.setString(8, b.instanceId().orElse(null));
        if (b.regId().isPresent()) {
            s.setInt(9, b.regId().getAsInt());
        } else {
            s.setNull(9, Types.INTEGER);
        }
        Source src = b.source();
        s.setString(10, src.transport().name());
        s.setString(11, src.remote().getAddress().getHostAddress());
        s.setInt(12, src.remote().getPort());
        s.setString(13, src.local().getAddress().getHostAddress());
        s.setInt(14, src.local().getPort());
        s.setLong(15, src.connectionId());
        // Certificate identities are domain names (RFC 5922 §7.1): no spaces inside one.
        s.setString(16, String.join(" ", src.peerIdentities()));
        s.setString(17, b.userAgent().orElse(null));
    }

    /**
     * The binding in the current row of a query of {@link #COLUMNS}.
     *
     * @throws IllegalArgumentException (or Parley's parse exception) when a column does not hold what
     *     {@link #bind} writes
     */
    static Binding read(ResultSet r) throws SQLException {
        AddressOfRecord aor = AddressOfRecord.parse(r.getString(1));
        Contact contact = Contact.parse(r.getString(3));
        Instant expiresAt = Instant.ofEpochMilli(r.getLong(4));
        String pathText = r.getString(7);
        List<Address> path = new ArrayList<>();
        for (String element : HeaderValues.split("Path", pathText)) {
            path.add(Address.parse("Path", element));
        }
        Optional<String> instanceId = Optional.ofNullable(r.getString(8));
        int regId = r.getInt(9);
        OptionalInt reg = r.wasNull() ? OptionalInt.empty() : OptionalInt.of(regId);
        String identities = r.getString(16);
        Source source = new Source(Transport.of(r.getString(10)), address(r.getString(11), r.getInt(12)),
                address(r.getString(13), r.getInt(14)), r.getLong(15),
                identities.isEmpty() ? List.of() : List.of(identities.split(" ")));
        return new Binding(aor, contact, expiresAt, r.getString(5), r.getLong(6), path, instanceId, reg, source,
                Optional.ofNullable(r.getString(17)));
    }

    private static InetSocketAddress address(String literal, int port) {
        if (literal.indexOf(':') < 0 && !literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw new IllegalArgumentException("not a numeric address: \"" + literal + "\"");
        }
        try {
            // A numeric literal (checked above): InetAddress parses it without a DNS query.
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a numeric address: \"" + literal + "\"", e);
        }
    }
}
