package com.securemodel.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.cxapi.SynthesisMessage;

class CdkNagComplianceTest {

  @Test
  void defaultMode_hasNoUnsuppressedAwsSolutionsOrHipaaFinding() {
    assertThat(describe(SynthesizedStack.defaultMode().nagErrors())).isEmpty();
  }

  @Test
  void vpcMode_hasNoUnsuppressedAwsSolutionsOrHipaaFinding() {
    assertThat(describe(SynthesizedStack.vpcMode().nagErrors())).isEmpty();
  }

  private static List<String> describe(List<SynthesisMessage> errors) {
    return errors.stream().map(m -> m.getId() + " " + m.getEntry().getData()).toList();
  }
}
