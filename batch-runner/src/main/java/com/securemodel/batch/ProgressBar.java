package com.securemodel.batch;

import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchProcessor;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line progress bar on the terminal: lines done of total, tokens/s, ETA; redrawn at most 5 times a second. */
final class ProgressBar implements BatchProcessor.Progress {

    private final PrintStream out;
    private final long started = System.nanoTime();
    private final AtomicLong runLines = new AtomicLong();
    private final AtomicLong runTokens = new AtomicLong();
    private volatile long committedBefore;
    /** The job's line and token counts when this bar first saw it: what another runner does is counted from there. */
    private volatile long linesAtStart = -1;
    private volatile long tokensAtStart = -1;
    private volatile long followedLines;
    private volatile long followedTokens;
    private volatile long total = -1;
    private volatile long lastDraw;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(BatchJob job) {
        committedBefore = job.nextLine();
        linesAtStart = job.nextLine();
        tokensAtStart = job.completionTokens();
        total = job.totalLines();
        draw(true);
    }

    @Override
    public void lineDone(boolean ok, int completionTokens) {
        runLines.incrementAndGet();
        runTokens.addAndGet(completionTokens);
        draw(false);
    }

    @Override
    public void committed(BatchJob job) {
        if (linesAtStart < 0) {
            linesAtStart = job.nextLine();
            tokensAtStart = job.completionTokens();
        }
        // when another runner works the file (this command follows it), its committed counts are the progress
        followedLines = job.nextLine() - linesAtStart;
        followedTokens = job.completionTokens() - tokensAtStart;
        total = job.totalLines();
        if (job.nextLine() > committedBefore + runLines.get()) {
            committedBefore = job.nextLine() - runLines.get();
        }
        draw(false);
    }

    void finish() {
        draw(true);
        out.println();
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        long done = committedBefore + runLines.get();
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double linesPerSecond = Math.max(runLines.get(), followedLines) / seconds;
        long all = Math.max(total, done);
        int width = 30;
        int filled = all <= 0 ? 0 : (int) Math.min(width, width * done / all);
        String eta = linesPerSecond <= 0 || all <= 0 ? "--" : (long) ((all - done) / linesPerSecond) + "s";
        out.printf("\r[%s%s] %d/%d lines  %.1f tok/s  ETA %s   ", "#".repeat(filled), ".".repeat(width - filled),
                done, all, Math.max(runTokens.get(), followedTokens) / seconds, eta);
        out.flush();
    }
}
