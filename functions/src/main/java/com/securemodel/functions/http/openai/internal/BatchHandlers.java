package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.batch.BatchFile;
import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchService;
import com.securemodel.core.error.ServiceException;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import com.securemodel.functions.http.routing.StreamBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Files ({@code /v1/files}) and Batches ({@code /v1/batches}) routes: parse, call {@link BatchService}, map to
 * OpenAI's file and batch objects.
 */
public final class BatchHandlers {

    private final BatchService batches;
    private final ObjectMapper json;

    public BatchHandlers(BatchService batches, ObjectMapper json) {
        this.batches = batches;
        this.json = json;
    }

    /** The body of {@code POST /v1/batches}. */
    record CreateBatchBody(String inputFileId, String endpoint, String completionWindow,
                           Map<String, String> metadata) {
    }

    record FileView(String id, String object, long bytes, long createdAt, String filename, String purpose,
                    String status, Object statusDetails) {
        static FileView of(BatchFile file) {
            return new FileView(file.id(), "file", file.bytes(), file.createdAt().getEpochSecond(), file.filename(),
                    file.purpose(), "processed", null);
        }
    }

    record FileList(String object, List<FileView> data, boolean hasMore) {
    }

    record Deleted(String id, String object, boolean deleted) {
    }

    record RequestCounts(long total, long completed, long failed) {
    }

    record Errors(String object, List<Map<String, Object>> data) {
    }

    record BatchView(String id, String object, String endpoint, Errors errors, String inputFileId,
                     String completionWindow, String status, String outputFileId, String errorFileId, long createdAt,
                     Long inProgressAt, Long expiresAt, Long finalizingAt, Long completedAt, Long failedAt,
                     Long expiredAt, Long cancellingAt, Long cancelledAt, RequestCounts requestCounts,
                     Map<String, String> metadata) {
        static BatchView of(BatchJob job) {
            String status = job.status().wire();
            Long finished = seconds(job.finishedAt());
            return new BatchView(job.id(), "batch", job.endpoint() == null ? "/v1/chat/completions" : job.endpoint(),
                    job.error() == null ? null : new Errors("list", List.of(Map.of("code", "batch_failed",
                            "message", job.error()))),
                    job.inputFileId() == null ? "" : job.inputFileId(), job.completionWindow(), status,
                    job.outputFileId(), job.errorFileId(), job.createdAt().getEpochSecond(),
                    seconds(job.inProgressAt()), seconds(job.expiresAt()), seconds(job.finalizingAt()),
                    "completed".equals(status) ? finished : null, "failed".equals(status) ? finished : null,
                    "expired".equals(status) ? finished : null, seconds(job.cancellingAt()),
                    "cancelled".equals(status) ? finished : null,
                    new RequestCounts(job.requests(), job.completed(), job.failed()),
                    job.metadata().isEmpty() ? null : job.metadata());
        }
    }

    record BatchList(String object, List<BatchView> data, String firstId, String lastId, boolean hasMore) {
    }

    private static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }

    public ApiResponse uploadFile(ApiRequest request) {
        Multipart form = Multipart.parse(request.header("content-type"), request.body());
        Multipart.Part file = form.part("file")
                .orElseThrow(() -> ServiceException.invalidRequest("file is required: a multipart field 'file'"));
        String purpose = form.part("purpose").map(p -> new String(p.content(), StandardCharsets.UTF_8).strip())
                .orElseThrow(() -> ServiceException.invalidRequest("purpose is required: 'batch'"));
        return ApiResponse.ok(FileView.of(batches.upload(request.clientId(), file.filename(), purpose,
                file.content())));
    }

    public ApiResponse listFiles(ApiRequest request) {
        return ApiResponse.ok(new FileList("list", batches.files(request.clientId()).stream().map(FileView::of)
                .toList(), false));
    }

    public ApiResponse getFile(ApiRequest request) {
        return ApiResponse.ok(FileView.of(batches.file(request.clientId(), request.pathParameter("file_id"))));
    }

    public ApiResponse fileContent(ApiRequest request) {
        InputStream content = batches.content(request.clientId(), request.pathParameter("file_id"));
        return ApiResponse.streamed(new StreamBody() {
            @Override
            public String contentType() {
                return "application/octet-stream";
            }

            @Override
            public void writeTo(ChunkSink sink) {
                try (InputStream in = content) {
                    byte[] buffer = new byte[64 * 1024];
                    int read;
                    boolean any = false;
                    while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                        sink.write(new String(buffer, 0, read, StandardCharsets.UTF_8));
                        any = true;
                    }
                    if (!any) {
                        sink.write("");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    public ApiResponse deleteFile(ApiRequest request) {
        BatchFile file = batches.delete(request.clientId(), request.pathParameter("file_id"));
        return ApiResponse.ok(new Deleted(file.id(), "file", true));
    }

    public ApiResponse createBatch(ApiRequest request) {
        CreateBatchBody body = RequestBodies.read(json, request, CreateBatchBody.class);
        return ApiResponse.ok(BatchView.of(batches.create(request.clientId(), body.inputFileId(), body.endpoint(),
                body.completionWindow(), body.metadata())));
    }

    public ApiResponse getBatch(ApiRequest request) {
        return ApiResponse.ok(BatchView.of(batches.batch(request.clientId(), request.pathParameter("batch_id"))));
    }

    public ApiResponse listBatches(ApiRequest request) {
        int limit = request.query().first("limit").map(BatchHandlers::limit).orElse(20);
        String after = request.query().first("after").orElse(null);
        List<BatchView> views = batches.list(request.clientId(), limit + 1, after).stream().map(BatchView::of)
                .toList();
        boolean more = views.size() > limit;
        List<BatchView> page = more ? views.subList(0, limit) : views;
        return ApiResponse.ok(new BatchList("list", page, page.isEmpty() ? null : page.getFirst().id(),
                page.isEmpty() ? null : page.getLast().id(), more));
    }

    public ApiResponse cancelBatch(ApiRequest request) {
        return ApiResponse.ok(BatchView.of(batches.cancel(request.clientId(), request.pathParameter("batch_id"))));
    }

    private static int limit(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ServiceException.invalidRequest("limit must be an integer between 1 and 100");
        }
    }
}
