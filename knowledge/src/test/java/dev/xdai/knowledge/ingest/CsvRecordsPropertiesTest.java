package dev.xdai.knowledge.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The CSV reader against RFC 4180 as a writer produces it, over many random records. */
class CsvRecordsPropertiesTest {

  @Property(tries = 1000)
  void quotedRecordsReadBackExactly(@ForAll("records") List<List<String>> records, @ForAll boolean crlf) throws IOException {
    String eol = crlf ? "\r\n" : "\n";
    String csv = records.stream().map(r -> r.stream().map(CsvRecordsPropertiesTest::quoted).collect(Collectors.joining(",")))
        .map(line -> line + eol).collect(Collectors.joining());
    assertEquals(records, readAll(csv));
  }

  @Property(tries = 1000)
  void plainFieldsReadBackStrippedAndOneRecordPerLine(@ForAll("plainRecords") List<List<String>> records) throws IOException {
    String csv = records.stream().map(r -> String.join(",", r)).collect(Collectors.joining("\n"));
    List<List<String>> expected = records.stream().map(r -> r.stream().map(String::strip).toList()).toList();
    assertEquals(expected, readAll(csv));
  }

  private static List<List<String>> readAll(String csv) throws IOException {
    CsvRecords reader = new CsvRecords(new StringReader(csv));
    List<List<String>> out = new ArrayList<>();
    for (List<String> r = reader.next(); r != null; r = reader.next()) out.add(r);
    assertNull(reader.next(), "the end stays the end");
    return out;
  }

  private static String quoted(String field) {
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  @Provide
  Arbitrary<List<List<String>>> records() {
    Arbitrary<String> field = Arbitraries.strings().withCharRange('一', '龥').withChars("ab ,\"\n\r;'").ofMaxLength(12);
    return field.list().ofMinSize(1).ofMaxSize(5).list().ofMaxSize(8);
  }

  /** Fields without quotes, commas or line breaks; a record of one empty field would be an empty line. */
  @Provide
  Arbitrary<List<List<String>>> plainRecords() {
    Arbitrary<String> field = Arbitraries.strings().withCharRange('一', '龥').withChars("ab 12;'").ofMaxLength(12);
    return field.list().ofMinSize(1).ofMaxSize(5).filter(r -> !(r.size() == 1 && r.get(0).isEmpty())).list().ofMaxSize(8);
  }
}
