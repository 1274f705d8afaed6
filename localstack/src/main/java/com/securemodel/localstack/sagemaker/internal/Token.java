package com.securemodel.localstack.sagemaker.internal;

/** A generated token as TGI reports it; llama.cpp gives no log-probability here, so {@code logprob} is null. */
record Token(int id, String text, boolean special) {

    /** Stands for the end-of-sequence token when a generation produced no token at all. */
    static final Token END = new Token(0, "", true);
}
