package org.imagestore.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Added to a test deployment only: tells how many bytes the request's thread allocated while the
 * service handled a save, in {@code X-Test-Allocated-Bytes}, so that a test can see whether an
 * upload was held in the heap. Asked through the platform MBean server, since a deployment on
 * WildFly cannot see the JDK's {@code com.sun.management} classes.
 */
@WebFilter("/api/save-image")
public class AllocationProbe extends HttpFilter {
  private static final long serialVersionUID = 1L;

  public static final String HEADER = "X-Test-Allocated-Bytes";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long before = allocated();
    // Set before the body is written: the header must go out with the status line.
    HttpServletResponse counted =
        new HttpServletResponseWrapper(response) {
          @Override
          public ServletOutputStream getOutputStream() throws IOException {
            setHeader(HEADER, Long.toString(allocated() - before));
            return super.getOutputStream();
          }

          @Override
          public PrintWriter getWriter() throws IOException {
            setHeader(HEADER, Long.toString(allocated() - before));
            return super.getWriter();
          }
        };
    chain.doFilter(request, counted);
  }

  private static long allocated() {
    try {
      return (Long)
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("java.lang:type=Threading"),
                  "getThreadAllocatedBytes",
                  new Object[] {Thread.currentThread().getId()},
                  new String[] {"long"});
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }
}
