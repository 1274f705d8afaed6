package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpResponse;

/** An answer's body is read whole: by its {@code Content-Length} where it has one, else to the end. */
class SignedPostTest {

    private static final byte[] BODY = "{\"Item\":{}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readBody_withContentLength_readsThatMany() throws Exception {
        assertThat(SignedPost.readBody(new ByteArrayInputStream(BODY), head(" " + BODY.length + " ")))
                .isEqualTo(BODY);
        assertThat(SignedPost.readBody(new ByteArrayInputStream(new byte[0]), head("0"))).isEmpty();
        assertThat(SignedPost.readBody(new ByteArrayInputStream(new byte[0]), head("-1"))).isEmpty();
    }

    @Test
    void readBody_withoutOrWithAnUnreadableContentLength_readsToTheEnd() throws Exception {
        assertThat(SignedPost.readBody(new ByteArrayInputStream(BODY), head(null))).isEqualTo(BODY);
        assertThat(SignedPost.readBody(new ByteArrayInputStream(BODY), head("many"))).isEqualTo(BODY);
        assertThat(SignedPost.readBody(new ByteArrayInputStream(BODY), head("99999999999"))).isEqualTo(BODY);
    }

    @Test
    void readBody_whenTheStreamEndsBeforeItsLength_isWhatCame() throws Exception {
        // the JSON reading or the checksum then refuses it, as before
        assertThat(SignedPost.readBody(new ByteArrayInputStream(BODY), head("1000"))).isEqualTo(BODY);
    }

    @Test
    void readBody_whenMoreFollowsThanItsLengthSays_isTheWholeStream() throws Exception {
        // a length that does not frame the body (a chunked answer that also carries one): nothing is cut off
        assertThat(SignedPost.readBody(new ByteArrayInputStream(BODY), head("3"))).isEqualTo(BODY);
        assertThat(SignedPost.readBody(new ByteArrayInputStream(BODY), head("0"))).isEqualTo(BODY);
    }

    @Test
    void readBody_largerThanOneBuffer_isWhole() throws Exception {
        byte[] large = new byte[100_000];
        large[99_999] = 7;

        assertThat(SignedPost.readBody(new ByteArrayInputStream(large), head("100000"))).isEqualTo(large);
    }

    private static SdkHttpResponse head(String contentLength) {
        SdkHttpFullResponse.Builder head = SdkHttpFullResponse.builder().statusCode(200);
        if (contentLength != null) {
            head.putHeader("Content-Length", contentLength);
        }
        return head.build();
    }
}
