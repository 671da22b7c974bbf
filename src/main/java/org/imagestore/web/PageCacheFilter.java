package org.imagestore.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.imagestore.serving.ServingConfig;
import org.imagestore.storage.ImageStore;

/**
 * The static pages and scripts are {@code Cache-Control: no-cache}: a browser keeps them but asks
 * again each time, with the container's validators (ETag, Last-Modified), so a new version of the
 * WAR is seen at once and an unchanged page costs a 304. They carry a Content-Security-Policy that
 * lets them load and call only their own origin (images also from where the service sends browsers
 * for them: {@code imagestore.public-base-url}, or the bucket of {@code
 * imagestore.s3.serve=redirect}), so that a prompt shown in the gallery can never run as a script,
 * and no other site can frame them.
 *
 * <p>Mapped to every request in {@code WEB-INF/web.xml}, which fixes the filters' order.
 */
public class PageCacheFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** Any name will do: a presigned URL's origin is the bucket's, whatever the key. */
  private static final String ANY_IMAGE = "generated_20000101_000000.png";

  @Inject transient ServingConfig serving;
  @Inject transient ImageStore store;

  private transient volatile String policy;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // The container's default servlet sends the static files; the API and the images have their
    // own path mappings and caching rules.
    MappingMatch match = request.getHttpServletMapping().getMappingMatch();
    if (match == MappingMatch.DEFAULT || match == MappingMatch.CONTEXT_ROOT) {
      response.setHeader("Cache-Control", "no-cache");
      response.setHeader("Content-Security-Policy", policy());
    }
    chain.doFilter(request, response);
  }

  private String policy() {
    if (policy == null) {
      String elsewhere =
          Stream.of(
                  serving.publicBaseUrl().filter(base -> base.startsWith("http")),
                  store.directUrl(ANY_IMAGE))
              .flatMap(Optional::stream)
              .map(PageCacheFilter::origin)
              .distinct()
              .map(origin -> " " + origin)
              .collect(Collectors.joining());
      policy =
          "default-src 'self'; img-src 'self' data: blob:"
              + elsewhere
              + "; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'";
    }
    return policy;
  }

  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
