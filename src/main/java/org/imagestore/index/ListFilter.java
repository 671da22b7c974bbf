package org.imagestore.index;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.imagestore.storage.ImageQuery;
import org.imagestore.storage.Scope;

/**
 * The WHERE clause of a list query, in JPQL over {@code ImageRecord r}, and its parameters: the
 * caller's scope, then the query's filters.
 */
record ListFilter(String where, Map<String, Object> parameters) {
  /**
   * @param trigram whether a trigram index serves {@code LIKE '%q%'} (PostgreSQL); elsewhere a scan
   *     with LOCATE is faster (H2 reads a LIKE pattern given as a parameter anew for every row)
   */
  static ListFilter of(ImageQuery query, Scope scope, boolean trigram) {
    StringBuilder where = new StringBuilder();
    Map<String, Object> parameters = new HashMap<>();
    if (!scope.everyone()) {
      add(where, "r.owner = :owner");
      parameters.put("owner", scope.owner());
    }
    if (query.q() != null) {
      String q = query.q().toLowerCase(Locale.ROOT);
      if (trigram) {
        // % and _ in q match themselves.
        add(where, "r.promptSearch LIKE :q ESCAPE '!'");
        parameters.put("q", "%" + q.replaceAll("[!%_]", "!$0") + "%");
      } else {
        add(where, "LOCATE(:q, r.promptSearch) > 0");
        parameters.put("q", q);
      }
    }
    if (query.model() != null) {
      add(where, "r.model = :model");
      parameters.put("model", query.model());
    }
    if (query.source() != null) {
      add(where, "r.source = :source");
      parameters.put("source", query.source());
    }
    if (query.since() != null) {
      add(where, "r.createdMicros >= :since");
      parameters.put("since", ImageIndex.boundMicros(query.since()));
    }
    if (query.before() != null) {
      add(where, "r.createdMicros < :before");
      parameters.put("before", ImageIndex.boundMicros(query.before()));
    }
    return new ListFilter(where.toString(), parameters);
  }

  /**
   * The images after a cursor in newest-first order. The first condition alone bounds the index
   * range; the second decides within the cursor's microsecond.
   */
  ListFilter after(ImageQuery.Cursor cursor) {
    StringBuilder more = new StringBuilder(where);
    add(more, "r.createdMicros <= :cursorMicros");
    add(more, "(r.createdMicros < :cursorMicros OR r.filename < :cursorName)");
    Map<String, Object> all = new HashMap<>(parameters);
    all.put("cursorMicros", cursor.createdMicros());
    all.put("cursorName", cursor.filename());
    return new ListFilter(more.toString(), all);
  }

  private static void add(StringBuilder where, String condition) {
    where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
  }

  void bind(BiFunction<String, Object, ?> setter) {
    parameters.forEach(setter::apply);
  }
}
