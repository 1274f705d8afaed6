package com.securemodel.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Template;

/** Reads resources and IAM statements out of a synthesized template for assertions. */
final class TemplateQueries {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TemplateQueries() {
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> properties(Template template, String type) {
    Collection<Map<String, Object>> resources = template.findResources(type).values();
    return resources.stream().map(r -> (Map<String, Object>) r.getOrDefault("Properties", Map.of())).toList();
  }

  /** Every statement of every {@code AWS::IAM::Policy}, each with the logical id of its policy. */
  @SuppressWarnings("unchecked")
  static List<PolicyStatement> statements(Template template) {
    return template.findResources("AWS::IAM::Policy").entrySet().stream()
        .flatMap(e -> {
          Map<String, Object> doc = (Map<String, Object>) ((Map<String, Object>) e.getValue().get("Properties"))
              .get("PolicyDocument");
          return ((List<Map<String, Object>>) doc.get("Statement")).stream()
              .map(s -> new PolicyStatement(e.getKey(), s));
        })
        .toList();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One IAM statement and the policy it belongs to. */
  record PolicyStatement(String policyId, Map<String, Object> statement) {

    @SuppressWarnings("unchecked")
    List<String> actions() {
      Object action = statement.get("Action");
      return action instanceof List<?> list ? (List<String>) list : List.of((String) action);
    }

    boolean hasActionStartingWith(String prefix) {
      return actions().stream().anyMatch(a -> a.startsWith(prefix));
    }

    String resourceJson() {
      return json(statement.get("Resource"));
    }

    String conditionJson() {
      return json(statement.get("Condition"));
    }
  }
}
