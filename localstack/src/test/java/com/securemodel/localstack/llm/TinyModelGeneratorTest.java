package com.securemodel.localstack.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class TinyModelGeneratorTest {

    @Test
    void write_givesIdenticalBytesEveryTime_underOneMegabyte() {
        byte[] first = bytes();
        byte[] second = bytes();

        assertThat(second).isEqualTo(first);
        assertThat(first.length).isLessThan(1024 * 1024);
    }

    private static byte[] bytes() {
        var out = new ByteArrayOutputStream();
        TinyModelGenerator.write(out);
        return out.toByteArray();
    }
}
