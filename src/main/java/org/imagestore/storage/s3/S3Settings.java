package org.imagestore.storage.s3;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The {@code imagestore.s3.*} keys, checked when the {@code s3} back end starts, and the clients
 * built from them. Credentials come only from the SDK's default chain.
 */
@ApplicationScoped
public class S3Settings {
  @Inject
  @ConfigProperty(name = "imagestore.s3.bucket")
  Optional<String> bucket;

  @Inject
  @ConfigProperty(name = "imagestore.s3.prefix")
  Optional<String> prefix;

  @Inject
  @ConfigProperty(name = "imagestore.s3.endpoint")
  Optional<String> endpoint;

  @Inject
  @ConfigProperty(name = "imagestore.s3.region", defaultValue = "us-east-1")
  String region;

  @Inject
  @ConfigProperty(name = "imagestore.s3.path-style", defaultValue = "false")
  boolean pathStyle;

  @Inject
  @ConfigProperty(name = "imagestore.s3.serve", defaultValue = "stream")
  String serve;

  @Inject
  @ConfigProperty(name = "imagestore.s3.presign-seconds", defaultValue = "300")
  long presignSeconds;

  @Inject
  @ConfigProperty(name = "imagestore.s3.connect-timeout-millis", defaultValue = "2000")
  long connectTimeoutMillis;

  @Inject
  @ConfigProperty(name = "imagestore.s3.read-timeout-millis", defaultValue = "30000")
  long readTimeoutMillis;

  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private URI resolvedEndpoint;
  private boolean redirect;

  @PostConstruct
  void check() {
    if (bucket.filter(b -> !b.isBlank()).isEmpty()) {
      throw new IllegalStateException(
          "imagestore.s3.bucket is required with imagestore.storage=s3");
    }
    resolvedEndpoint = endpoint.filter(e -> !e.isBlank()).map(S3Settings::endpoint).orElse(null);
    redirect =
        switch (serve.trim().toLowerCase(Locale.ROOT)) {
          case "stream" -> false;
          case "redirect" -> true;
          default ->
              throw new IllegalStateException(
                  "imagestore.s3.serve must be stream or redirect, is " + serve);
        };
    if (!prefix().isEmpty() && (prefix().startsWith("/") || !prefix().endsWith("/"))) {
      throw new IllegalStateException(
          "imagestore.s3.prefix must be empty or a folder like images/, is " + prefix());
    }
    // A presigned URL lives at most a week (SigV4's limit).
    range("imagestore.s3.presign-seconds", presignSeconds, 1, 604_800);
    range("imagestore.s3.connect-timeout-millis", connectTimeoutMillis, 1, 600_000);
    range("imagestore.s3.read-timeout-millis", readTimeoutMillis, 1, 3_600_000);
  }

  private static URI endpoint(String value) {
    try {
      URI uri = URI.create(value.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalStateException("imagestore.s3.endpoint must be an http(s) URL, is " + value);
  }

  private static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalStateException(
          key + " must be between " + min + " and " + max + ", is " + value);
    }
  }

  String bucket() {
    return bucket.get().trim();
  }

  /** Empty for the bucket's root: MicroProfile Config reads an empty value as none. */
  String prefix() {
    return prefix.orElse("").trim();
  }

  boolean redirect() {
    return redirect;
  }

  Duration presignDuration() {
    return Duration.ofSeconds(presignSeconds);
  }

  /**
   * Checksums only where S3 requires them: the SDK's newer default (trailing CRC32 on every PUT) is
   * refused by many S3-compatible servers. One retry, so an outage answers within seconds.
   */
  S3Client client() {
    var builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofMillis(connectTimeoutMillis))
                    .socketTimeout(Duration.ofMillis(readTimeoutMillis))
                    .build())
            .region(Region.of(region.trim()))
            .credentialsProvider(credentials)
            .forcePathStyle(pathStyle)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(2)));
    if (resolvedEndpoint != null) {
      builder.endpointOverride(resolvedEndpoint);
    }
    return builder.build();
  }

  /** Fails with a message naming the chain when it finds no credentials at all. */
  void requireCredentials() {
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw new IllegalStateException(
          "imagestore.storage=s3: the AWS SDK's default chain finds no credentials"
              + " (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, aws.accessKeyId / aws.secretAccessKey,"
              + " a profile, a role): "
              + e.getMessage(),
          e);
    }
  }

  S3Presigner presigner() {
    var builder =
        S3Presigner.builder()
            .region(Region.of(region.trim()))
            .credentialsProvider(credentials)
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
    if (resolvedEndpoint != null) {
      builder.endpointOverride(resolvedEndpoint);
    }
    return builder.build();
  }
}
