package org.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ApiRequest}: query decoding and the body bound (what a raw HTTP client could send). */
class ApiRequestTest {
    @Test
    void decodesTheQueryKeepingRepeatedValues() {
        assertThat(ApiRequest.parseQuery("user=al%20ice&flag&user=bob&&x=a%3Db"))
                .isEqualTo(Map.of("user", List.of("al ice", "bob"), "flag", List.of(""), "x", List.of("a=b")));
        assertThat(ApiRequest.parseQuery(null)).isEmpty();
    }

    @Test
    void refusesABrokenPercentEncodingWith400() {
        assertThatThrownBy(() -> ApiRequest.parseQuery("limit=%zz")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status).isEqualTo(400)).hasMessageContaining("percent-encoding");
    }

    @Test
    void readsABodyUpToTheBoundAndRefusesMoreWith413() throws Exception {
        assertThat(ApiRequest.readBounded(new ByteArrayInputStream(new byte[10]), 10)).hasSize(10);
        assertThatThrownBy(() -> ApiRequest.readBounded(new ByteArrayInputStream(new byte[11]), 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status).isEqualTo(413));
    }
}
