package com.securemodel.functions.http.openai.internal;

import com.securemodel.core.error.ServiceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578), as the OpenAI SDKs send {@code POST /v1/files}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7578">RFC 7578</a>
 */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    /** One part: its field name, the file name it carries (or null) and its bytes. */
    record Part(String name, String filename, byte[] content) {
    }

    private final List<Part> parts;

    private Multipart(List<Part> parts) {
        this.parts = parts;
    }

    Optional<Part> part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    static Multipart parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ServiceException.invalidRequest("Send the file as multipart/form-data with fields file and purpose");
        }
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw ServiceException.invalidRequest("The multipart/form-data Content-Type has no boundary");
        }
        byte[] delimiter = ("--" + boundary.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                break;
            }
            parts.add(part(Arrays.copyOfRange(body, skipLineBreak(body, start), trimLineBreak(body, next))));
            at = next;
        }
        return new Multipart(parts);
    }

    private static Part part(byte[] raw) {
        int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        int gap = 4;
        if (split < 0) {
            split = indexOf(raw, "\n\n".getBytes(StandardCharsets.ISO_8859_1), 0);
            gap = 2;
        }
        if (split < 0) {
            throw ServiceException.invalidRequest("A multipart part has no headers");
        }
        String headers = new String(raw, 0, split, StandardCharsets.UTF_8);
        Matcher name = NAME.matcher(headers);
        Matcher filename = FILENAME.matcher(headers);
        return new Part(name.find() ? name.group(1) : "", filename.find() ? filename.group(1) : null,
                Arrays.copyOfRange(raw, split + gap, raw.length));
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (at < body.length && body[at] == '\r') {
            at++;
        }
        return at < body.length && body[at] == '\n' ? at + 1 : at;
    }

    private static int trimLineBreak(byte[] body, int end) {
        if (end > 0 && body[end - 1] == '\n') {
            end--;
        }
        return end > 0 && body[end - 1] == '\r' ? end - 1 : end;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
