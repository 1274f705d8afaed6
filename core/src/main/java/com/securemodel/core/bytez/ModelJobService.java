package com.securemodel.core.bytez;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.model.CatalogModel;
import com.securemodel.core.model.ModelCatalog;
import com.securemodel.core.model.ModelInfo;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Bytez job queue: {@code POST /model/job} queues a job for a model that is not available yet, and the job
 * worker makes it available (metadata from its artifacts, {@code requiredRAM} from the GPU-fit planner, an entry in
 * the service-wide catalog). The worker is idempotent: a redelivered task finds its job ended and does nothing.
 */
public final class ModelJobService {

    /** A failed job is reported as failed for this long; then the same call queues it again. */
    public static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(10);
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}(/[A-Za-z0-9._-]{1,96})?");
    private static final String DEFAULT_TASK = "text-generation";

    private final ModelJobStore jobs;
    private final ModelJobQueue queue;
    private final ModelRegistry models;
    private final ModelCatalog catalog;
    private final ModelInspector inspector;
    private final Placement placement;
    private final Clock clock;

    /** @param models the registry (built-in models and the catalog's) */
    public ModelJobService(ModelJobStore jobs, ModelJobQueue queue, ModelRegistry models, ModelCatalog catalog,
                           ModelInspector inspector, Placement placement, Clock clock) {
        this.jobs = jobs;
        this.queue = queue;
        this.models = models;
        this.catalog = catalog;
        this.inspector = inspector;
        this.placement = placement;
        this.clock = clock;
    }

    /**
     * A model {@code /model/list} shows.
     *
     * @param requiredRamGb GPU memory (GiB) on its cheapest allowed placement, or null when nothing allowed fits
     */
    public record AvailableModel(String id, String task, Double requiredRamGb, boolean benchmarked) {
    }

    /** {@code /model/list}: every model a client can load, built-in ones first; {@code task} filters (null: all). */
    public List<AvailableModel> available(String task) {
        List<AvailableModel> all = new ArrayList<>();
        java.util.Map<String, com.securemodel.core.model.ModelBenchmark> measured = catalog.benchmarks();
        for (ModelInfo model : models.list()) {
            Optional<CatalogModel> added = models.builtIn(model.id()) ? Optional.empty() : catalog.find(model.id());
            String modelTask = added.map(CatalogModel::task).orElse(DEFAULT_TASK);
            if (task != null && !task.equals(modelTask)) {
                continue;
            }
            Double ram = added.map(CatalogModel::requiredRamGb).orElseGet(() -> requiredRam(model));
            all.add(new AvailableModel(model.id(), modelTask, ram, measured.containsKey(model.id())
                    || added.map(CatalogModel::benchmarked).orElse(false)));
        }
        return all;
    }

    private Double requiredRam(ModelInfo model) {
        try {
            return placement.cheapest(model, "auto").plan().estimatedGpuMemoryGib();
        } catch (ServiceException nothingFits) {
            return null;
        }
    }

    /** {@code POST /model/job}: reports the client's job for {@code modelId}, queueing one when needed. */
    public JobReport submit(ClientId clientId, String modelId) {
        String id = requireModelId(modelId);
        Optional<ModelJob> existing = jobs.find(clientId, id);
        Instant now = clock.instant();
        if (existing.isPresent()) {
            ModelJob job = existing.get();
            boolean retry = job.status() == ModelJob.Status.FAILED
                    && !now.isBefore(job.modified().plus(RETRY_FAILED_AFTER));
            if (!retry) {
                return report(job);
            }
            jobs.delete(clientId, id);
        } else if (models.find(id).isPresent()) {
            Instant added = catalog.find(id).map(CatalogModel::addedAt).orElse(null);
            return new JobReport(id, true, JobReport.AVAILABLE, added, added, now, false);
        }
        ModelJob job = ModelJob.queued(clientId, id, now);
        if (!jobs.create(job)) {
            return jobs.find(clientId, id).map(ModelJobService::report)
                    .orElseThrow(() -> new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The job store changed "
                            + "while the job was queued; call again"));
        }
        try {
            queue.send(new ModelJobTask(clientId, id));
        } catch (RuntimeException queueFailed) {
            try {
                jobs.delete(clientId, id);
            } catch (RuntimeException alsoFailed) {
                queueFailed.addSuppressed(alsoFailed);
            }
            throw queueFailed;
        }
        return new JobReport(id, true, null, null, null, now, true);
    }

    /**
     * The job worker's step for one task. Does nothing for a job that has ended or no longer exists (redelivery).
     *
     * @throws RuntimeException for outages (the task is redelivered); a model that cannot be read or served ends
     *         the job as failed instead
     */
    public void handle(ModelJobTask task) {
        Optional<ModelJob> found = jobs.find(task.clientId(), task.modelId());
        if (found.isEmpty() || found.get().status() == ModelJob.Status.AVAILABLE
                || found.get().status() == ModelJob.Status.FAILED) {
            return;
        }
        ModelJob job = found.get();
        if (models.find(job.modelId()).isPresent()) {
            jobs.put(job.available(clock.instant()));
            return;
        }
        if (job.status() == ModelJob.Status.QUEUED) {
            job = job.started(clock.instant());
            jobs.put(job);
        }
        try {
            ModelMetadata metadata = inspector.inspect(job.modelId());
            catalog.add(catalogEntry(job.modelId(), metadata));
            jobs.put(job.available(clock.instant()));
        } catch (ModelUnreadableException e) {
            jobs.put(job.failed("The model's files cannot be read: " + e.getMessage(), clock.instant()));
        } catch (ServiceException e) {
            if (e.code() != ErrorCode.VALIDATION_ERROR) {
                throw e;
            }
            jobs.put(job.failed(e.getMessage(), clock.instant()));
        }
    }

    private CatalogModel catalogEntry(String modelId, ModelMetadata m) {
        if (m.parameters() <= 0 || m.contextLength() <= 0 || m.layers() <= 0 || m.kvHeads() <= 0 || m.headDim() <= 0) {
            throw new ModelUnreadableException("its metadata lacks the parameter count, context length or attention "
                    + "shape the GPU-fit planner needs");
        }
        CatalogModel draft = new CatalogModel(modelId, m.task() == null ? DEFAULT_TASK : m.task(), m.architecture(),
                m.parameters(), m.dtype(), m.contextLength(), m.layers(), m.kvHeads(), m.headDim(), 0, false,
                clock.instant());
        ModelInfo info = draft.toModelInfo();
        double required = placement.cheapest(info, "auto").plan().estimatedGpuMemoryGib();
        return new CatalogModel(modelId, draft.task(), draft.architecture(), draft.parameters(), draft.dtype(),
                draft.contextLength(), draft.layers(), draft.kvHeads(), draft.headDim(), required, false,
                draft.addedAt());
    }

    private static JobReport report(ModelJob job) {
        return switch (job.status()) {
            case QUEUED, STARTED -> new JobReport(job.modelId(), true, JobReport.QUEUED, job.startTime(), null,
                    job.modified(), false);
            case AVAILABLE -> new JobReport(job.modelId(), true, JobReport.AVAILABLE, job.startTime(), job.endTime(),
                    job.modified(), false);
            case FAILED -> new JobReport(job.modelId(), false, "Model cannot be made available: " + job.message(),
                    job.startTime(), job.endTime(), job.modified(), false);
        };
    }

    /** @return the model id, checked: a Hugging Face id such as {@code openai-community/gpt2} */
    static String requireModelId(String modelId) {
        if (modelId == null || modelId.isBlank()) {
            throw ServiceException.validation("model is required: a Hugging Face model id such as "
                    + "openai-community/gpt2");
        }
        String id = modelId.strip();
        if (!MODEL_ID.matcher(id).matches()) {
            throw ServiceException.validation("model must be a Hugging Face model id such as openai-community/gpt2 "
                    + "(letters, digits, '.', '_', '-', one '/')");
        }
        return id;
    }
}
