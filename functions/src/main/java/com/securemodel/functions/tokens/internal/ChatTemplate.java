package com.securemodel.functions.tokens.internal;

/**
 * A model's Jinja chat template and the special token texts it may use.
 *
 * @param source the Jinja source
 * @param bosToken the BOS text ({@code bos_token}), empty when unknown
 * @param eosToken the EOS text ({@code eos_token}), empty when unknown
 */
public record ChatTemplate(String source, String bosToken, String eosToken) {

    public ChatTemplate {
        bosToken = bosToken == null ? "" : bosToken;
        eosToken = eosToken == null ? "" : eosToken;
    }
}
