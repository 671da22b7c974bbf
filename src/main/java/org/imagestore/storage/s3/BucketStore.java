package org.imagestore.storage.s3;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.ObjectBytes;
import org.imagestore.storage.ObjectStore;
import org.imagestore.storage.StoreConfig;
import org.imagestore.storage.Volume;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in an S3 bucket under {@code imagestore.s3.prefix}, one object per file of the seed's
 * layout. A version is a hash of the object's ETag, which listings and writes both return. Each PUT
 * is atomic in S3; a PUT is sent with {@code If-None-Match: *} after a HEAD found no object, and
 * the name claim in the index covers servers that ignore that header.
 */
@ApplicationScoped
@Named(StoreConfig.S3)
public class BucketStore implements ObjectStore {
  private static final Logger LOG = Logger.getLogger(BucketStore.class.getName());

  /** Small GETs are latency, not bandwidth: many at once keep a reconciliation short. */
  private static final int READ_PARALLELISM = 16;

  @Inject S3Settings settings;

  private S3Client s3;
  private S3Presigner presigner;
  private String bucket;
  private String prefix;

  /** A missing bucket or refused credentials stop the deployment; an unreachable endpoint not. */
  @PostConstruct
  void init() {
    bucket = settings.bucket();
    prefix = settings.prefix();
    s3 = settings.client();
    presigner = settings.presigner();
    settings.requireCredentials();
    try {
      s3.headBucket(b -> b.bucket(bucket));
    } catch (S3Exception e) {
      close();
      throw new IllegalStateException(
          switch (e.statusCode()) {
            case 404 -> "imagestore.s3.bucket: there is no bucket " + bucket + " at " + endpoint();
            case 301, 400 ->
                "imagestore.s3.region: bucket " + bucket + " answers " + e.getMessage();
            default ->
                "imagestore.s3.bucket: access to bucket "
                    + bucket
                    + " is refused ("
                    + e.statusCode()
                    + "); check the AWS credentials";
          },
          e);
    } catch (SdkException e) {
      LOG.log(
          Level.WARNING,
          "imagestore: the S3 endpoint {0} cannot be reached now ({1}); not ready until it can",
          new Object[] {endpoint(), e.getMessage()});
    }
  }

  @PreDestroy
  void close() {
    s3.close();
    presigner.close();
  }

  private String endpoint() {
    return s3.serviceClientConfiguration().endpointOverride().map(Object::toString).orElse("AWS");
  }

  @Override
  public Optional<Long> putIfAbsent(String name, ObjectBytes content, Attributes attributes) {
    if (head(name).isPresent()) {
      return Optional.empty();
    }
    try {
      var written =
          s3.putObject(
              b ->
                  b.bucket(bucket)
                      .key(prefix + name)
                      .contentType(attributes.contentType())
                      .cacheControl(attributes.cacheControl())
                      .metadata(attributes.tags())
                      .ifNoneMatch("*"),
              // Not fromBytes, which copies: a save already holds the image once, or maps it.
              RequestBody.fromContentProvider(
                  content::stream, content.size(), attributes.contentType()));
      return Optional.of(version(written.eTag(), content.size(), null));
    } catch (SdkException e) {
      // 412: the name exists; 409: another conditional write of it is under way. The SDK's retry
      // of a PUT whose answer was lost also sees 412: then the object there is this one.
      if (status(e) == 412 || status(e) == 409) {
        long ours = version(content.digest("MD5"), content.size(), null);
        return head(name).map(Entry::version).filter(version -> version == ours);
      }
      throw unavailable("write " + name, e);
    }
  }

  @Override
  public Optional<Entry> head(String name) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(prefix + name));
      return Optional.of(
          new Entry(
              name,
              head.contentLength(),
              head.lastModified(),
              version(head.eTag(), head.contentLength(), head.lastModified()),
              Map.copyOf(head.metadata())));
    } catch (SdkException e) {
      if (status(e) == 404) {
        return Optional.empty();
      }
      throw unavailable("read " + name, e);
    }
  }

  @Override
  public InputStream read(String name, long offset, long length) {
    if (length <= 0) {
      // "bytes=0--1" is no range; an empty image has no bytes to fetch.
      return InputStream.nullInputStream();
    }
    try {
      return s3.getObject(
          b ->
              b.bucket(bucket)
                  .key(prefix + name)
                  .range("bytes=" + offset + "-" + (offset + length - 1)));
    } catch (SdkException e) {
      if (status(e) == 404) {
        throw new ImageStoreException(Failure.NOT_FOUND, "no object named " + name);
      }
      if (status(e) == 416) {
        // Only an empty object has no byte at offset 0.
        return InputStream.nullInputStream();
      }
      throw unavailable("read " + name, e);
    }
  }

  @Override
  public boolean delete(String name) {
    if (head(name).isEmpty()) {
      return false;
    }
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(prefix + name));
      return true;
    } catch (SdkException e) {
      throw unavailable("delete " + name, e);
    }
  }

  /** ListObjectsV2 in pages of 1000 keys, each fetched when the stream reaches it. */
  @Override
  public Stream<Entry> list(String namePrefix) {
    Iterator<Entry> entries =
        new Iterator<>() {
          private Iterator<S3Object> page = Collections.emptyIterator();
          private String token;
          private boolean last;

          @Override
          public boolean hasNext() {
            while (!page.hasNext() && !last) {
              fetch();
            }
            return page.hasNext();
          }

          @Override
          public Entry next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return entry(page.next());
          }

          private void fetch() {
            try {
              var answer =
                  s3.listObjectsV2(
                      b -> b.bucket(bucket).prefix(prefix + namePrefix).continuationToken(token));
              page = answer.contents().iterator();
              token = answer.nextContinuationToken();
              last = !Boolean.TRUE.equals(answer.isTruncated());
            } catch (SdkException e) {
              throw unavailable("list", e);
            }
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED), false)
        // A key in a "subfolder" under the prefix is not part of the seed's flat layout.
        .filter(entry -> entry.name().indexOf('/') < 0);
  }

  private Entry entry(S3Object object) {
    return new Entry(
        object.key().substring(prefix.length()),
        object.size(),
        object.lastModified(),
        version(object.eTag(), object.size(), object.lastModified()),
        Map.of());
  }

  @Override
  public int readParallelism() {
    return READ_PARALLELISM;
  }

  @Override
  public Optional<String> directUrl(String name) {
    if (!settings.redirect()) {
      return Optional.empty();
    }
    return Optional.of(
        presigner
            .presignGetObject(
                p ->
                    p.signatureDuration(settings.presignDuration())
                        .getObjectRequest(g -> g.bucket(bucket).key(prefix + name)))
            .url()
            .toString());
  }

  /** A bucket has no volume to fill; quotas are imagestore.max-total-bytes. */
  @Override
  public Optional<Volume> volume() {
    return Optional.empty();
  }

  @Override
  public Optional<String> problem() {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return Optional.empty();
    } catch (SdkException e) {
      return Optional.of("the bucket " + location() + " cannot be reached: " + e.getMessage());
    }
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public String location(String name) {
    return location() + name;
  }

  /**
   * Listings quote ETags and writes may not: the same object must get the same version. Without an
   * ETag (s3proxy's filesystem provider, for files put in its folder by hand) the size and time
   * stand in.
   */
  private static long version(String eTag, long size, Instant modified) {
    String bare =
        eTag == null || eTag.isEmpty()
            ? size + "@" + (modified == null ? 0 : modified.getEpochSecond())
            : eTag.replace("\"", "");
    long version =
        UUID.nameUUIDFromBytes(bare.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    // -1 means "no sidecar" in a FileState.
    return version == -1 ? 0 : version;
  }

  /** The HTTP status S3 answered with; 0 when there was no answer (no connection, a timeout). */
  private static int status(SdkException e) {
    return e instanceof S3Exception s3 ? s3.statusCode() : 0;
  }

  private ImageStoreException unavailable(String what, SdkException e) {
    LOG.log(
        Level.WARNING,
        "imagestore: could not {0} in {1}: {2}",
        new Object[] {what, location(), e.getMessage()});
    return new ImageStoreException(Failure.UNAVAILABLE, "the image storage is unavailable");
  }
}
