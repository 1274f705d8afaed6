package com.securemodel.functions.http.bytez;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.bytez.BytezService;
import com.securemodel.core.bytez.ModelJobService;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.model.ModelBenchmarker;
import com.securemodel.functions.http.bytez.internal.BytezHandlers;
import com.securemodel.functions.http.bytez.internal.RunHandler;
import com.securemodel.functions.http.routing.DialectRoutes;
import com.securemodel.functions.http.routing.Route;
import com.securemodel.core.tenant.Scope;
import java.util.List;

/**
 * The Bytez model API of {@code bytez-api.txt}, as bytez.js 0.4.x calls it: an API key alone identifies the caller
 * ({@code Authorization: Key <key>}); a call without a body is a GET ({@code list}, {@code instances}); errors are
 * {@code {"error": "<message>"}}.
 */
public final class BytezRoutes extends DialectRoutes {

    public BytezRoutes(ModelJobService jobs, BytezService bytez, GenerationService generation,
                       ModelBenchmarker benchmarker) {
        super("bytez", BytezJson.create(), new BytezErrorFormat(), List.of());
        ObjectMapper json = json();
        var handlers = new BytezHandlers(jobs, bytez, json);
        var run = new RunHandler(bytez, generation, benchmarker, json);
        define(List.of(
                Route.get("/model/list", handlers::list).keyOnly(),
                Route.post("/model/job", handlers::job).keyOnly(),
                Route.post("/model/load", handlers::load).keyOnly(),
                Route.post("/model/status", handlers::status).keyOnly().scoped(Scope.READ),
                Route.post("/model/run", run::run).keyOnly(),
                Route.get("/model/instances", handlers::instances).keyOnly(),
                Route.post("/model/delete", handlers::delete).keyOnly()));
    }

    /** Where every route and every path this table owns lies ({@code /models} too, harmlessly). */
    public static final List<String> PATHS = List.of("/model");

    /** {@code /model} and what is under it (not {@code /models}, which is OpenAI's). */
    @Override
    public boolean owns(String rawPath) {
        return rawPath.equals("/model") || rawPath.startsWith("/model/");
    }
}
