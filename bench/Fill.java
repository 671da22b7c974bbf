import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Copies a folder into a bucket with 16 PUTs at a time: java -cp SDK Fill.java ENDPOINT KEY SECRET
 * BUCKET FOLDER. For the benchmark's bucket, since s3proxy's in-memory provider has no folder.
 */
public class Fill {
  public static void main(String[] args) throws Exception {
    S3Client s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(URI.create(args[0]))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
            .build();
    String bucket = args[3];
    s3.createBucket(b -> b.bucket(bucket));
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of(args[4]))) {
      files = list.filter(p -> p.getFileName().toString().startsWith("generated_")).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    AtomicInteger done = new AtomicInteger();
    for (Path file : files) {
      pool.submit(
          () -> {
            s3.putObject(
                b -> b.bucket(bucket).key(file.getFileName().toString()),
                RequestBody.fromFile(file));
            if (done.incrementAndGet() % 20_000 == 0) {
              System.out.println(done.get() + " objects");
            }
            return null;
          });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    System.out.println(done.get() + " objects in " + bucket);
  }
}
