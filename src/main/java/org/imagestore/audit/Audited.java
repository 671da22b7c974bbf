package org.imagestore.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method whose answers {@link AuditFilter} logs, and names its action in the
 * {@link AuditLine}: the resource says what it does, so no path is written twice.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
  /** The line's {@code action}: {@code save}, {@code delete} or {@code delete-images}. */
  String value();
}
