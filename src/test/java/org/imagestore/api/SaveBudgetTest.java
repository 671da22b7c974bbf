package org.imagestore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SaveBudgetTest {
  private static SaveBudget budget(Long bytes, long waitMillis) {
    SaveBudget budget = new SaveBudget();
    budget.maxInflightBytes = Optional.ofNullable(bytes);
    budget.waitMillis = waitMillis;
    budget.init();
    return budget;
  }

  @Test
  void savesShareTheBudgetAndTheOneOverItWaitsThen503s() {
    SaveBudget budget = budget(10L * 1024 * 1024, 50);
    try (var first = budget.reserve(6L * 1024 * 1024)) {
      ServerBusyException busy =
          assertThrows(ServerBusyException.class, () -> budget.reserve(6L * 1024 * 1024));
      assertEquals(1, busy.retryAfterSeconds());
      budget.reserve(4L * 1024 * 1024).close();
    }
    budget.reserve(6L * 1024 * 1024).close();
  }

  @Test
  void aSaveLargerThanTheWholeBudgetRunsAlone() {
    SaveBudget budget = budget(1024L * 1024, 0);
    try (var huge = budget.reserve(100L * 1024 * 1024)) {
      assertThrows(ServerBusyException.class, () -> budget.reserve(1));
    }
    budget.reserve(1).close();
  }

  @Test
  void theDefaultIsAQuarterOfTheHeapAndBadValuesStopTheDeployment() {
    SaveBudget budget = budget(null, 0);
    long quarter = Runtime.getRuntime().maxMemory() / 4;
    budget.reserve(quarter - 1024 * 1024).close();
    assertThrows(IllegalStateException.class, () -> budget(0L, 0));
    assertThrows(IllegalStateException.class, () -> budget(1024L, -1));
  }

  @Test
  void aSaveCostsItsDecodedImageTwiceWhateverTheBodyClaims() {
    long max = 20L * 1024 * 1024;
    long body = 4L * 1024 * 1024;
    assertEquals(
        2 * (body / 4 * 3 + 3) + 12L * SaveRequest.MAX_FIELD_CHARS,
        SaveRequest.memoryBytes(body, max));
    assertEquals(2 * max + 12L * SaveRequest.MAX_FIELD_CHARS, SaveRequest.memoryBytes(-1, max));
    assertTrue(SaveRequest.memoryBytes(Long.MAX_VALUE / 2, max) <= 2 * max + 4L * 1024 * 1024);
  }
}
