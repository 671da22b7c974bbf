package org.imagestore.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossSiteRuleTest {
  private static final Set<String> OWN = Set.of("http://images.local:8080");
  private static final CrossSiteRule RULE =
      new CrossSiteRule(Set.of("https://Chat.Example.com:443"), false);

  @ParameterizedTest(name = "{0} Sec-Fetch-Site={1} Origin={2}: {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "POST, cross-site, https://evil.example, refused",
        "POST, same-site, http://images.local:9000, refused",
        "DELETE, cross-site, -, refused",
        "PUT, -, https://evil.example, refused",
        "POST, -, null, refused",
        "POST, -, http://images.local:8081, refused",
        "POST, -, https://images.local:8080, refused",
        "POST, cross-site, http://images.local:8080, refused",
        "POST, same-origin, http://images.local:8080, passes",
        "POST, none, -, passes",
        "POST, -, http://IMAGES.local:8080, passes",
        "POST, cross-site, https://chat.example.com, passes",
        "POST, -, https://chat.example.com/, passes",
        "POST, -, -, passes",
        "GET, cross-site, https://evil.example, passes",
        "HEAD, cross-site, https://evil.example, passes",
        "OPTIONS, cross-site, https://evil.example, passes"
      })
  void judgesByFetchMetadataThenOrigin(
      String method, String secFetchSite, String origin, String verdict) {
    assertEquals(
        verdict.equals("refused"), RULE.refusal(method, secFetchSite, origin, OWN).isPresent());
  }

  @Test
  void anOpaqueOriginNeverMatchesEvenAnOwnOriginThatIsOddlySpelled() {
    var own = Set.of("http://image_store:8080");
    assertTrue(RULE.refusal("POST", null, "null", own).isPresent());
    assertTrue(RULE.refusal("POST", null, "http://evil_x.example", own).isPresent());
    assertTrue(RULE.refusal("POST", null, "http://image_store:8080", own).isEmpty());
    assertTrue(
        RULE.refusal("POST", null, "http://[::1]:8080", Set.of("http://[::1]:8080")).isEmpty());
  }

  @Test
  void sameSitePassesOnlyWhenAllowed() {
    var lenient = new CrossSiteRule(Set.of(), true);
    assertTrue(lenient.refusal("POST", "same-site", "http://x.local:1", OWN).isEmpty());
    assertTrue(lenient.refusal("POST", "cross-site", "http://x.local:1", OWN).isPresent());
  }

  @Test
  void configuredOriginsAreParsedAndChecked() {
    assertEquals(
        Set.of("https://a.example", "http://b.example:8080"),
        CrossSiteRule.parseOrigins(" https://a.example, ,http://b.example:8080 "));
    assertEquals(Set.of(), CrossSiteRule.parseOrigins(""));
    assertThrows(IllegalArgumentException.class, () -> CrossSiteRule.parseOrigins("a.example"));
    assertThrows(
        IllegalArgumentException.class, () -> CrossSiteRule.parseOrigins("https://a.example/app"));
  }

  @Test
  void originsAreComparedWithoutDefaultPortsOrCase() {
    assertEquals("https://a.example", CrossSiteRule.normalize("HTTPS://A.example:443"));
    assertEquals("http://a.example:8443", CrossSiteRule.normalize("http://a.example:8443"));
    assertEquals("null", CrossSiteRule.normalize("file://"));
    assertEquals("null", CrossSiteRule.normalize("http://user@a.example"));
    assertEquals("null", CrossSiteRule.normalize("::not a uri"));
    assertEquals("null", CrossSiteRule.normalize("http://a.example/path"));
    assertEquals("null", CrossSiteRule.normalize("http://a.example?q"));
    assertEquals("http://image_store", CrossSiteRule.normalize("http://image_store:80/"));
  }
}
