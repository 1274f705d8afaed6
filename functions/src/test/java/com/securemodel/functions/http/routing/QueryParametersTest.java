package com.securemodel.functions.http.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ServiceException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void parse_decodesNamesAndValues_keepingBracketedTags() {
        QueryParameters query = QueryParameters.parse(
                "model_name=securemodel%2Ftiny-random-llama&tags%5Benvironment%5D=production&tags[team]=a+b&limit=5");

        assertThat(query.first("model_name")).contains("securemodel/tiny-random-llama");
        assertThat(query.first("limit")).contains("5");
        assertThat(query.bracketed("tags")).isEqualTo(Map.of("environment", "production", "team", "a b"));
    }

    @Test
    void parse_repeatedName_firstValueWins_andBareNameIsEmpty() {
        QueryParameters query = QueryParameters.parse("status=running&status=failed&force");

        assertThat(query.first("status")).contains("running");
        assertThat(query.first("force")).contains("");
        assertThat(query.first("absent")).isEmpty();
    }

    @Test
    void parse_nullOrEmpty_isEmpty() {
        assertThat(QueryParameters.parse(null).first("x")).isEmpty();
        assertThat(QueryParameters.parse("").bracketed("tags")).isEmpty();
    }

    @Test
    void parse_brokenPercentEncoding_isInvalidRequest() {
        assertThatThrownBy(() -> QueryParameters.parse("tags[a]=%zz"))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code().wire()).isEqualTo("invalid_request_error"));
    }

    @Test
    void of_usesGatewayDecodedValuesWhenNoRawQueryString() {
        assertThat(QueryParameters.of(Map.of("tags[env]", "prod")).bracketed("tags")).containsEntry("env", "prod");
    }

    @Test
    void bracketed_ignoresEmptyKeysAndOtherNames() {
        assertThat(QueryParameters.parse("tags[]=x&tagsx[a]=y&tags[a=z").bracketed("tags")).isEmpty();
    }
}
