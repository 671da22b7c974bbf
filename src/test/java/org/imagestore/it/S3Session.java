package org.imagestore.it;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the S3 server before the first test of the {@code s3} run and stops it after the last; in
 * the other runs it does nothing. Registered in {@code META-INF/services}.
 */
public class S3Session implements LauncherSessionListener {
  private static S3Server server;

  /** The running S3 server; only in the {@code s3} run. */
  public static S3Server server() {
    if (server == null) {
      throw new IllegalStateException("no S3 server: this is not the s3 run");
    }
    return server;
  }

  /** Whether this run keeps images in a bucket ({@code imagestore.it.storage=s3}). */
  public static boolean active() {
    return "s3".equals(System.getProperty("imagestore.it.storage"));
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (active() && server == null) {
      server =
          new S3Server(
              Path.of(System.getProperty("imagestore.it.s3proxy-jar")),
              Path.of("target", "s3proxy").toAbsolutePath());
      server.clear();
      server.start();
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
