package com.securemodel.core.batch;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.GenerateResult;

/** Reads input lines and writes output lines (OpenAI's batch formats); never throws on a bad line. */
public interface BatchCodec {

    /** @return the parsed line, or a {@link BatchLine#bad} one that says what is wrong; null for a blank line */
    BatchLine parse(long number, String text);

    /**
     * @param requestId a stable id of the request (the same line always gets the same one)
     * @param model what the line named, for the response body's {@code model}
     * @return one line of the output file
     */
    String success(BatchLine line, GenerateResult result, String model, String requestId);

    /** @return one line of the error file */
    String failure(BatchLine line, ServiceException error, String requestId);

    /** @return the summary file's JSON */
    String summary(BatchSummary summary);
}
