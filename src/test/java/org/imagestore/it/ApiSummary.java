package org.imagestore.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The API as one entry per operation ({@code "GET /api/list-images"}): its query and path
 * parameters and the statuses it answers with, read from README.md's summary table or from an
 * OpenAPI document, so that the two can be compared.
 */
final class ApiSummary {
  /** The methods OpenAPI lists under a path; other keys of a path item are not operations. */
  static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final String SECTION = "## The API";
  private static final String TABLE_HEADER = "| method | path | parameters | statuses |";

  record Operation(Set<String> parameters, Set<Integer> statuses) {}

  private ApiSummary() {}

  /** The summary table of the README's "The API" section. */
  static Map<String, Operation> fromReadme(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int section = lines.indexOf(SECTION);
    if (section < 0) {
      throw new IllegalStateException(readme + " has no section " + SECTION);
    }
    int row = section + 1;
    while (row < lines.size() && !lines.get(row).startsWith("## ") && !isHeader(lines.get(row))) {
      row++;
    }
    if (row == lines.size() || !isHeader(lines.get(row))) {
      throw new IllegalStateException(SECTION + " has no table " + TABLE_HEADER);
    }
    Map<String, Operation> operations = new TreeMap<>();
    // Past the header and its --- line, up to the first line that is not a table row.
    for (row += 2; row < lines.size() && lines.get(row).startsWith("|"); row++) {
      List<String> cells = cells(lines.get(row));
      operations.put(
          cells.get(0) + " " + cells.get(1),
          new Operation(
              list(cells.get(2)),
              list(cells.get(3)).stream()
                  .map(Integer::valueOf)
                  .collect(Collectors.toCollection(TreeSet::new))));
    }
    return operations;
  }

  private static boolean isHeader(String line) {
    return line.replaceAll("\\s+", " ").trim().equals(TABLE_HEADER);
  }

  /** A row's cells, without the Markdown code marks. */
  private static List<String> cells(String row) {
    String[] cells = row.trim().split("\\|", -1);
    return Arrays.stream(cells, 1, cells.length - 1)
        .map(cell -> cell.replace("`", "").trim())
        .toList();
  }

  private static Set<String> list(String cell) {
    return Arrays.stream(cell.split(","))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Every operation of a document, with the parameters of its path item and its own; a response
   * that is not a status code ({@code default}) is left out.
   *
   * @param prefix what the document's paths carry before the README's (a server may write the
   *     context root there); a path without it is kept whole, so that it cannot match
   */
  static Map<String, Operation> fromDocument(JsonObject document, String prefix) {
    Map<String, Operation> operations = new TreeMap<>();
    document
        .getJsonObject("paths")
        .forEach(
            (path, value) -> {
              JsonObject item = value.asJsonObject();
              for (String method : METHODS) {
                if (item.containsKey(method)) {
                  JsonObject operation = item.getJsonObject(method);
                  Set<String> parameters = parameters(item);
                  parameters.addAll(parameters(operation));
                  Set<Integer> statuses =
                      operation.getJsonObject("responses").keySet().stream()
                          .filter(status -> status.matches("\\d{3}"))
                          .map(Integer::valueOf)
                          .collect(Collectors.toCollection(TreeSet::new));
                  String relative =
                      path.startsWith(prefix + "/") ? path.substring(prefix.length()) : path;
                  operations.put(
                      method.toUpperCase() + " " + relative, new Operation(parameters, statuses));
                }
              }
            });
    return operations;
  }

  /** The query and path parameters; headers are not in the README's table. */
  private static Set<String> parameters(JsonObject holder) {
    Set<String> names = new TreeSet<>();
    for (JsonValue parameter :
        holder.getOrDefault("parameters", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
      String in = parameter.asJsonObject().getString("in");
      if (in.equals("query") || in.equals("path")) {
        names.add(parameter.asJsonObject().getString("name"));
      }
    }
    return names;
  }
}
