package org.imagestore.it;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A prefix {@code <class>/} in the test bucket on the S3 server of the {@code s3} run, read and
 * written with the AWS SDK; "beside" it is the prefix {@code <class>-beside/}.
 */
public final class BucketStorage extends TestStorage {
  public static final String BUCKET = "imagestore-it";

  private final String bucket;
  private final String prefix;

  /** A fresh, empty prefix in a bucket, created if need be. */
  BucketStorage(String bucket, String prefix) {
    this.bucket = bucket;
    this.prefix = prefix;
    if (client().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
      client().createBucket(b -> b.bucket(bucket));
    }
    for (String name : keys(prefix)) {
      client().deleteObject(b -> b.bucket(bucket).key(name));
    }
    for (String name : keys(beside())) {
      client().deleteObject(b -> b.bucket(bucket).key(name));
    }
  }

  /** The SDK client the tests use, pointed at the running S3 server. */
  public static S3Client client() {
    return Client.INSTANCE;
  }

  private static final class Client {
    static final S3Client INSTANCE =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(URI.create(S3Session.server().endpoint()))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            // s3proxy answers 501 to the SDK's default checksum headers.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3Server.IDENTITY, S3Server.CREDENTIAL)))
            .build();
  }

  public String bucket() {
    return bucket;
  }

  public String prefix() {
    return prefix;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of(
        "imagestore.storage",
        "s3",
        "imagestore.s3.bucket",
        bucket,
        "imagestore.s3.prefix",
        prefix,
        "imagestore.s3.endpoint",
        S3Session.server().endpoint(),
        "imagestore.s3.path-style",
        "true");
  }

  @Override
  public List<String> names() {
    return keys(prefix).stream()
        .map(key -> key.substring(prefix.length()))
        .filter(name -> name.indexOf('/') < 0)
        .sorted()
        .toList();
  }

  private List<String> keys(String keyPrefix) {
    return client()
        .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keyPrefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  @Override
  public boolean exists(String name) {
    return head(name) != null;
  }

  /** The object's metadata as S3 holds it; null if there is none. */
  public HeadObjectResponse head(String name) {
    try {
      return client().headObject(b -> b.bucket(bucket).key(prefix + name));
    } catch (NoSuchKeyException e) {
      return null;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public byte[] read(String name) {
    return client().getObjectAsBytes(b -> b.bucket(bucket).key(prefix + name)).asByteArray();
  }

  @Override
  public void write(String name, byte[] bytes) {
    client().putObject(b -> b.bucket(bucket).key(prefix + name), RequestBody.fromBytes(bytes));
  }

  @Override
  public void delete(String name) {
    client().deleteObject(b -> b.bucket(bucket).key(prefix + name));
  }

  /** A new content has a new ETag, which is what the service compares. */
  @Override
  public void markChanged(String name) {}

  @Override
  public void writeBeside(String name, byte[] bytes) {
    client().putObject(b -> b.bucket(bucket).key(beside() + name), RequestBody.fromBytes(bytes));
  }

  @Override
  public boolean existsBeside(String name) {
    return keys(beside() + name).contains(beside() + name);
  }

  private String beside() {
    return prefix.isEmpty() ? "beside/" : prefix.substring(0, prefix.length() - 1) + "-beside/";
  }

  @Override
  public String location(String name) {
    return "s3://" + bucket + "/" + prefix + name;
  }

  @Override
  public Path folder() {
    throw new UnsupportedOperationException(
        "a bucket is not a folder: mark the test @FilesystemOnly");
  }
}
