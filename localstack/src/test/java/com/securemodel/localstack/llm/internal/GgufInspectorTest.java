package com.securemodel.localstack.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.localstack.llm.ModelLoadException;
import com.securemodel.localstack.llm.TinyModelGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufInspectorTest {

    @TempDir
    Path dir;

    @Test
    void inspect_readsBackWhatTheWriterWrote() throws IOException {
        Path file = write(new GgufWriter()
                .putString("general.architecture", "test")
                .putUint32("test.count", 7)
                .putFloat32("test.eps", 0.5f)
                .putBool("test.flag", true)
                .putStrings("test.words", List.of("a", "bc"))
                .putInt32s("test.ints", new int[] {1, 2, 3})
                .addTensor("a", new long[] {3}, new float[] {1, 2, 3})
                .addTensor("b", new long[] {2, 2}, new float[] {4, 5, 6, 7}));

        GgufFile gguf = GgufInspector.inspect(file);

        assertThat(gguf.version()).isEqualTo(3);
        assertThat(gguf.architecture()).isEqualTo("test");
        assertThat(gguf.metadata()).containsEntry("test.count", 7).containsEntry("test.eps", 0.5f)
                .containsEntry("test.flag", true)
                .containsEntry("test.words", new GgufFile.ArrayInfo(GgufType.STRING, 2))
                .containsEntry("test.ints", new GgufFile.ArrayInfo(GgufType.INT32, 3));
        assertThat(gguf.tensors()).extracting(GgufFile.TensorInfo::name, GgufFile.TensorInfo::dims,
                        GgufFile.TensorInfo::offset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", List.of(3L), 0L),
                        org.assertj.core.groups.Tuple.tuple("b", List.of(2L, 2L), 32L));
        assertThat(gguf.dataOffset() % 32).isZero();
        assertThat(floatsAt(file, gguf.dataOffset() + 32, 4)).containsExactly(4, 5, 6, 7);
    }

    @Test
    void inspectLoadable_acceptsTheTinyModel() throws IOException {
        Path file = dir.resolve("tiny.gguf");
        TinyModelGenerator.write(file);

        GgufFile gguf = GgufInspector.inspectLoadable(file);

        assertThat(gguf.architecture()).isEqualTo("llama");
        assertThat(gguf.tensors()).hasSize(2 + 1 + 2 * 9);
        assertThat(Files.size(file)).isLessThan(1 << 20);
    }

    @Test
    void inspect_whenFileMissing_namesThePath() {
        Path missing = dir.resolve("nope.gguf");

        assertThatThrownBy(() -> GgufInspector.inspect(missing)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void inspect_whenNotGguf_saysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("model.gguf"), "<html>404 Not Found</html>");

        assertThatThrownBy(() -> GgufInspector.inspect(file)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is not a GGUF file");
    }

    @Test
    void inspect_whenVersionUnsupported_namesTheVersion() throws IOException {
        byte[] bytes = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(GgufWriter.MAGIC).putInt(1).array();
        Path file = Files.write(dir.resolve("old.gguf"), bytes);

        assertThatThrownBy(() -> GgufInspector.inspect(file)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("GGUF version 1").hasMessageContaining("versions 2 and 3");
    }

    @Test
    void inspect_whenTensorDataCutOff_saysTruncated() throws IOException {
        Path full = dir.resolve("tiny.gguf");
        TinyModelGenerator.write(full);
        byte[] bytes = Files.readAllBytes(full);
        Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(bytes, bytes.length - 1000));

        assertThatThrownBy(() -> GgufInspector.inspect(cut)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is truncated").hasMessageContaining("download it again");
    }

    @Test
    void inspect_whenHeaderCutOff_saysTruncated() throws IOException {
        Path full = dir.resolve("tiny.gguf");
        TinyModelGenerator.write(full);
        Path cut = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(Files.readAllBytes(full), 300));

        assertThatThrownBy(() -> GgufInspector.inspect(cut)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is truncated");
    }

    @Test
    void inspectLoadable_whenKeysMissing_namesThem() {
        Path file = write(new GgufWriter()
                .putString("general.architecture", "llama")
                .putUint32("llama.context_length", 128)
                .putString("tokenizer.ggml.model", "llama"));

        assertThatThrownBy(() -> GgufInspector.inspectLoadable(file)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("llama.embedding_length, llama.block_count, llama.feed_forward_length, "
                        + "llama.attention.head_count, llama.attention.layer_norm_rms_epsilon, tokenizer.ggml.tokens")
                .message().doesNotContain("llama.context_length");
    }

    private Path write(GgufWriter writer) {
        var out = new ByteArrayOutputStream();
        writer.write(out);
        try {
            return Files.write(dir.resolve("test.gguf"), out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static float[] floatsAt(Path file, long offset, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        var buf = ByteBuffer.wrap(bytes, (int) offset, count * 4).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = buf.getFloat();
        }
        return values;
    }
}
