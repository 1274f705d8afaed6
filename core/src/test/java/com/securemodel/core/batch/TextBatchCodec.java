package com.securemodel.core.batch;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.GenerateRequest;
import com.securemodel.core.generation.GenerateResult;

/**
 * A codec for processor tests: each line is a prompt, a line starting with {@code !} is bad, a blank line is
 * skipped; output lines are {@code <custom id>=<completion>}, error lines {@code <custom id>!<error code>}.
 */
final class TextBatchCodec implements BatchCodec {

    @Override
    public BatchLine parse(long number, String text) {
        if (text.isBlank()) {
            return null;
        }
        if (text.startsWith("!")) {
            return BatchLine.bad(number, null, BatchLine.COMPLETIONS, ServiceException.invalidRequest("bad line"));
        }
        return new BatchLine(number, BatchLine.defaultId(number), BatchLine.COMPLETIONS, null,
                new GenerateRequest(text, 4, null, null, null), null);
    }

    @Override
    public String success(BatchLine line, GenerateResult result, String model, String requestId) {
        return line.customId() + "=" + result.completion();
    }

    @Override
    public String failure(BatchLine line, ServiceException error, String requestId) {
        return line.customId() + "!" + error.code().wire();
    }

    @Override
    public String summary(BatchSummary summary) {
        return "lines=" + summary.lines() + " succeeded=" + summary.succeeded() + " failed=" + summary.failed()
                + " completion_tokens=" + summary.completionTokens();
    }
}
