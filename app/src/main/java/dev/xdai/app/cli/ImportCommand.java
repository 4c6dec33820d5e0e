package dev.xdai.app.cli;

import dev.xdai.app.Wiring;
import dev.xdai.app.XdaiConfig;
import dev.xdai.evaluation.cli.HelpOption;
import dev.xdai.evaluation.cli.UsageException;
import dev.xdai.knowledge.ingest.ConversationReader;
import dev.xdai.knowledge.ingest.FaqFields;
import dev.xdai.knowledge.ingest.ImportFormat;
import dev.xdai.knowledge.ingest.ImportResult;
import dev.xdai.knowledge.ingest.KnowledgeImporter;
import dev.xdai.knowledge.ingest.Packs;
import dev.xdai.retrieval.bank.BankEntry;
import dev.xdai.retrieval.bank.ResponseBank;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code xdai import}: files into a knowledge pack (or conversations into a response bank), in this process or through
 * the running service.
 */
@Dependent // picocli sets a command's options on the instance itself, which a client proxy would hide
@Command(name = "import", description = {"Curates the files into the knowledge pack NAME, replacing what the pack held (dialogue: "
    + "conversations into the response bank NAME).", "While xdai serve runs on the same data, the files go through that service; "
        + "--url sends them to the service (any replica) at URL, with the API key in XDAI_API_KEY when it has access control on."})
public class ImportCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Option(names = "--pack", required = true, paramLabel = "NAME", description = "the pack (or response bank) to fill")
  String pack;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", converter = PackFormat.Converter.class,
      description = "kdconv, triples (csv), faq (jsonl), text (md) or dialogue")
  PackFormat format;

  @Option(names = "--faq-fields", paramLabel = "SPEC", description = "the faq format's field names, e.g. q=question,a=answer")
  String faqFields;

  @Option(names = "--url", paramLabel = "URL", converter = ServiceUrl.class, description = "the service (any replica) to send the files to")
  URI url;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "files, or directories of files (not for dialogue)")
  List<Path> files;

  @Inject XdaiConfig config;
  // Looked up only for an import in this process: with a running service, nothing here may open the graph or the index.
  @Inject Instance<KnowledgeImporter> importer;
  @Inject Instance<Packs> packs;
  @Inject Instance<ResponseBank> bank;

  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

  @Override
  public Integer call() throws IOException {
    for (Path f : files) if (!Files.exists(f)) throw new UsageException("no such file: " + f);
    Optional<ServiceTarget> running = ServiceTarget.find(Wiring.dataDir(config), url);
    Optional<ImportFormat> knowledge = format.knowledge();
    if (knowledge.isEmpty()) return importBank(running);
    List<Path> expanded = new ArrayList<>();
    for (Path f : files) {
      if (Files.isDirectory(f)) {
        try (var s = Files.walk(f)) { s.filter(Files::isRegularFile).sorted().forEach(expanded::add); }
      } else expanded.add(f);
    }
    if (running.isPresent()) return new RemoteImport(running.get(), out, err).run(pack, knowledge.get().cliName(), faqFields, expanded);
    List<ImportResult> results = importer.get().importFiles(pack, knowledge.get(), expanded,
        faqFields == null ? FaqFields.DEFAULT : FaqFields.parse(faqFields));
    results.forEach(r -> out.println(r.summary()));
    packs.get().get(pack).ifPresent(p -> out.printf("pack %s: %d entities, %d facts, %d QA, %d descriptions%n", p.name(), p.entities(), p.facts(), p.qa(), p.descriptions()));
    return 0;
  }

  /**
   * {@code --format dialogue}: conversations into the response bank named {@code pack}, replacing it; through the
   * running service when there is one (all files sent as one exchange list).
   */
  private int importBank(Optional<ServiceTarget> running) {
    List<BankEntry> entries = new ArrayList<>();
    try {
      for (Path f : files) {
        if (Files.isDirectory(f)) throw new UsageException("give conversation files, not a directory: " + f);
        try (var in = Files.newInputStream(f)) {
          entries.addAll(ConversationReader.read(in, f.getFileName().toString(), "import:" + pack + ":" + f.getFileName()));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (running.isPresent()) {
      StringBuilder tsv = new StringBuilder();
      for (BankEntry e : entries) tsv.append(e.context().replace('\t', ' ').replace('\n', ' ')).append('\t')
          .append(e.reply().replace('\t', ' ').replace('\n', ' ')).append('\n');
      return new RemoteImport(running.get(), out, err).bank(pack, tsv.toString());
    }
    int kept = bank.get().replace(pack, entries);
    out.printf("bank %s: %d exchanges read, %d kept (the rest stated facts, were too long or short, or repeated)%n", pack,
        entries.size(), kept);
    return 0;
  }
}
