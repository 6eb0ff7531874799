package io.codeanatomy.processor;

import com.google.auto.service.AutoService;
import io.codeanatomy.processor.check.ContractChecks;
import io.codeanatomy.processor.diagnostics.DiagnosticCode;
import io.codeanatomy.processor.diagnostics.Problem;
import io.codeanatomy.processor.diagnostics.Problems;
import io.codeanatomy.compat.Lock;
import io.codeanatomy.compat.manifest.Manifest;
import io.codeanatomy.processor.emit.docs.ContractsReferenceEmitter;
import io.codeanatomy.processor.emit.docs.SettingsReferenceEmitter;
import io.codeanatomy.processor.emit.java.CatalogEmitter;
import io.codeanatomy.processor.emit.java.JavaEmitter;
import io.codeanatomy.processor.emit.java.JavaSource;
import io.codeanatomy.processor.emit.manifest.ManifestEmitter;
import io.codeanatomy.processor.emit.rust.RustEmitter;
import io.codeanatomy.processor.lock.LockCheck;
import io.codeanatomy.processor.model.ContractModel;
import io.codeanatomy.processor.model.ContractSet;
import io.codeanatomy.processor.model.EnumModel;
import io.codeanatomy.processor.model.FieldType;
import io.codeanatomy.processor.model.PolicyModel;
import io.codeanatomy.processor.model.SettingsSchemaModel;
import io.codeanatomy.processor.read.AnnotationNames;
import io.codeanatomy.processor.read.ContractReader;
import io.codeanatomy.processor.read.JavacOrigin;
import io.codeanatomy.processor.read.ProtoContractReader;
import io.codeanatomy.processor.report.DiagnosticPrinter;
import io.codeanatomy.processor.report.PhaseStatistics;
import io.codeanatomy.processor.resolve.ResolvedContract;
import io.codeanatomy.processor.resolve.ResolvedSet;
import io.codeanatomy.processor.resolve.Resolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Reads contract declarations, checks them, and generates code, the manifest and docs.
 *
 * <p>Each round: read the round's annotated records into the model, run every check, print every
 * problem at its element, and, only when there is none, emit the Java sources. When processing is
 * over, write the manifest and the settings reference for everything the compilation declared.
 * The processor never throws: an unexpected failure is reported as {@code CA999}.
 */
@AutoService(Processor.class)
public final class ContractProcessor extends AbstractProcessor {

  private static final String PROTOC_GENERATED = "com.google.protobuf.Generated";

  /** Where the lock goes in the jar, so that readers know the released versions. */
  static final String LOCK_RESOURCE = "META-INF/codeanatomy/contracts.lock.json";

  private ProcessorOptions options;
  private boolean protosRead;
  private final Set<String> emittedEnums = new HashSet<>();
  private ContractReader reader;
  private DiagnosticPrinter printer;
  private final Problems readProblems = new Problems();
  private final List<PolicyModel> policies = new ArrayList<>();
  private final PhaseStatistics statistics = new PhaseStatistics();
  private final Resolver resolver = new Resolver();
  /** The contracts whose Java this compilation emitted: the catalog lists them. */
  private final List<ResolvedContract> emittedContracts = new ArrayList<>();
  private boolean catalogPending;
  private final Set<String> reported = new HashSet<>();
  private boolean failed;

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    printer = new DiagnosticPrinter(env);
    ProcessorOptions.ProcessorOptionsOrProblem parsed = ProcessorOptions.parse(env.getOptions());
    options = parsed.options();
    if (parsed.problem() != null) {
      error(DiagnosticCode.INVALID_OPTION, parsed.problem());
    }
    ProcessorOptions.unknown(env.getOptions().keySet()).forEach(printer::warn);
    reader = new ContractReader(env, readProblems);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // protoc marks its classes with @com.google.protobuf.Generated: with it in the set, javac
    // runs this processor in a compilation that holds proto contracts but no annotated record.
    // Nothing else reads that annotation, so claiming it takes nothing from other processors.
    Set<String> types = new java.util.HashSet<>(AnnotationNames.ALL);
    types.add(PROTOC_GENERATED);
    return types;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return ProcessorOptions.ALL;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        finish();
        if (options.statistics()) {
          printer.note(statistics.render());
        }
      } else {
        if (!annotations.isEmpty() || !protosRead) {
          statistics.round();
          processRound(annotations, round);
        } else if (catalogPending) {
          writeCatalog();
        }
      }
    } catch (RuntimeException | Error e) {
      StackTraceElement[] frames = e.getStackTrace();
      String where = frames.length > 0 ? " at " + frames[0] : "";
      error(DiagnosticCode.INTERNAL_ERROR, "the processor failed: " + e + where
          + ". This is a bug in codeanatomy-processor; please report it with this message.");
    }
    return true;
  }

  private void processRound(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    ContractSet roundSet = statistics.time("read", () -> read(annotations, round));
    Problems problems = new Problems();
    statistics.time("checks", () -> {
      problems.addAll(readProblems.drain());
      ContractChecks.check(roundSet, problems);
      report(problems.list());
    });
    ResolvedSet resolved = statistics.time("resolve",
        () -> resolver.resolve(withoutFailedRecords(roundSet, problems.list())));
    // The round's declarations against the lock, before their code is written. Items declared in
    // other rounds are not "removed" here (releasing = true leaves them alone); the end of the
    // compilation checks those, and releases.
    options.lock().ifPresent(lockFile -> statistics.time("lock",
        () -> report(LockCheck.check(resolved, ManifestEmitter.manifest(resolved), lockFile, true)
            .problems())));
    statistics.time("emit java", () -> writeSources(JavaEmitter.emit(resolved)));
    if (!resolved.localContracts().isEmpty()) {
      emittedContracts.addAll(resolved.localContracts());
      // The catalog lists every contract of the compilation: it is written in the next round,
      // when this round's contracts (and any a later round adds) are known.
      catalogPending = true;
    }
  }

  private static <T> Set<T> identitySet(List<T> items) {
    Set<T> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(items);
    return set;
  }

  private void writeCatalog() {
    catalogPending = false;
    if (failed) {
      return;
    }
    JavaSource catalog = JavaEmitter.catalog(options.contractSet(), emittedContracts);
    writeSource(catalog);
    writeResource(CatalogEmitter.SERVICE_FILE,
        (catalog.className() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Renders the files on every core, then writes them through the Filer in order. Rendering is
   * most of the cost of emitting and each file renders alone, from the immutable resolved model
   * or JavaPoet specs; the Filer is not thread-safe, so writing stays on javac's thread. One
   * {@code write} per file also spares the Filer's writer the character-by-character stream that
   * {@code JavaFile.writeTo(Filer)} feeds it.
   */
  private void writeSources(List<JavaSource> files) {
    Thread javac = Thread.currentThread();
    List<String> texts = files.parallelStream()
        .map(file -> statistics.onOtherThread("emit java", javac, file.text()))
        .toList();
    for (int i = 0; i < files.size(); i++) {
      writeSource(files.get(i), texts.get(i));
    }
  }

  private void writeSource(JavaSource file) {
    writeSource(file, file.text().get());
  }

  private void writeSource(JavaSource file, String text) {
    String name = file.className();
    try {
      JavaFileObject source = processingEnv.getFiler().createSourceFile(name);
      try (Writer writer = source.openWriter()) {
        writer.write(text);
      } catch (IOException e) {
        source.delete(); // no half-written source for javac to read
        throw e;
      }
    } catch (IOException e) {
      error(DiagnosticCode.INTERNAL_ERROR, "cannot write " + name + ": " + e.getMessage());
    }
  }

  /** Reads the round's declarations into the model: the round's contract set. */
  private ContractSet read(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    reader.addRootElements(round.getRootElements());
    List<SettingsSchemaModel> newSchemas = new ArrayList<>();
    List<PolicyModel> newPolicies = new ArrayList<>();
    List<ContractModel> newContracts = new ArrayList<>();
    if (!protosRead) {
      protosRead = true;
      List<ContractModel> protos = new ProtoContractReader(readProblems)
          .read(options.descriptorSets());
      newContracts.addAll(protos);
      reader.contracts().addProtoContracts(protos);
    }
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        switch (name) {
          case AnnotationNames.SETTINGS_SCHEMA ->
              reader.readSchema(element).ifPresent(newSchemas::add);
          case AnnotationNames.CONTRACT ->
              reader.contracts().read(element).ifPresent(newContracts::add);
          // Like @Setting, a marker on a record component is also on its field.
          case AnnotationNames.PROVENANCE, AnnotationNames.BAG, AnnotationNames.ABSENT_AS -> {
            if (element.getKind() == ElementKind.FIELD) {
              reader.contracts().checkMarkerPlacement(element, name);
            }
          }
          // A @Setting on a record component is also on the record's field: check fields only.
          case AnnotationNames.SETTING -> {
            if (element.getKind() == ElementKind.FIELD) {
              reader.checkSettingPlacement(element);
            }
          }
          case AnnotationNames.PROFILE, AnnotationNames.PROFILES ->
              reader.checkProfilePlacement(element);
          default -> { }
        }
      }
    }
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals(AnnotationNames.PLANNING_POLICY)) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          reader.readPolicy(element).ifPresent(newPolicies::add);
        }
      }
    }
    // This round's schemas are checked and emitted; earlier rounds' and dependencies' are only
    // looked up by this round's policies. The reader hands out one model per record, so "read
    // this round" is identity (equals on whole models, every one against every other, was
    // quadratic in the number of schemas).
    Set<SettingsSchemaModel> roundSchemas = identitySet(newSchemas);
    List<SettingsSchemaModel> known = new ArrayList<>();
    for (SettingsSchemaModel schema : reader.schemas()) {
      known.add(roundSchemas.contains(schema) ? schema : schema.asExternal());
    }
    Set<ContractModel> roundContracts = identitySet(newContracts);
    List<ContractModel> knownContracts = new ArrayList<>();
    for (ContractModel contract : reader.contracts().contracts()) {
      knownContracts.add(roundContracts.contains(contract) ? contract : contract.asExternal());
    }
    List<EnumModel> roundEnums = new ArrayList<>();
    for (EnumModel model : reader.enums()) {
      // An enum's attribute lookups are generated once, in the round that first read it.
      roundEnums.add(emittedEnums.add(model.type().qualifiedName()) ? model
          : new EnumModel(model.type(), model.constants(), model.attributes(), false,
              model.origins()));
    }
    policies.addAll(newPolicies);
    return new ContractSet(options.contractSet(), known, newPolicies, knownContracts,
        roundEnums);
  }

  /**
   * The round's contracts minus those with a problem (and policies built on a schema with one).
   * Generating the clean ones keeps javac's follow-up errors to the broken records' own
   * references to generated code, instead of one "cannot find symbol" per record.
   */
  private static ContractSet withoutFailedRecords(ContractSet set, List<Problem> problems) {
    Set<String> failed = new HashSet<>();
    for (Problem problem : problems) {
      if (problem.origin() instanceof JavacOrigin origin) {
        failed.add(enclosingType(origin.element()));
      }
    }
    List<SettingsSchemaModel> schemas = set.schemas().stream()
        .map(s -> s.local() && failed.contains(s.type().qualifiedName()) ? s.asExternal() : s)
        .toList();
    List<PolicyModel> policies = set.policies().stream()
        .filter(p -> !failed.contains(p.type().qualifiedName()))
        .filter(p -> p.components().stream()
            .noneMatch(c -> failed.contains(c.schema().qualifiedName())))
        .toList();
    // A contract that nests a failed one fails too: its code refers to the nested one's.
    boolean grew = true;
    while (grew) {
      grew = false;
      for (ContractModel contract : set.contracts()) {
        if (!failed.contains(contract.type().qualifiedName()) && contract.fields().stream()
            .anyMatch(f -> nestsAny(f.type(), failed))) {
          grew = failed.add(contract.type().qualifiedName());
        }
      }
    }
    List<ContractModel> contracts = set.contracts().stream()
        .map(c -> c.local() && failed.contains(c.type().qualifiedName()) ? c.asExternal() : c)
        .toList();
    List<EnumModel> enums = set.enums().stream()
        .map(e -> e.local() && failed.contains(e.type().qualifiedName())
            ? new EnumModel(e.type(), e.constants(), e.attributes(), false, e.origins()) : e)
        .toList();
    return new ContractSet(set.name(), schemas, policies, contracts, enums);
  }

  private static boolean nestsAny(FieldType type, Set<String> names) {
    if (type instanceof FieldType.ContractRef ref) {
      return names.contains(ref.type().qualifiedName());
    } else if (type instanceof FieldType.ListType list) {
      return nestsAny(list.element(), names);
    } else if (type instanceof FieldType.MapType map) {
      return nestsAny(map.value(), names);
    } else if (type instanceof FieldType.OptionalType optional) {
      return nestsAny(optional.element(), names);
    }
    return false;
  }

  private static String enclosingType(Element element) {
    Element e = element;
    while (e != null && !(e instanceof TypeElement)) {
      e = e.getEnclosingElement();
    }
    return e == null ? "" : ((TypeElement) e).getQualifiedName().toString();
  }

  private void finish() {
    ContractSet all = new ContractSet(options.contractSet(), reader.schemas(), policies,
        reader.contracts().contracts(), reader.enums());
    if (failed || all.isEmpty()) {
      return;
    }
    ResolvedSet resolved = statistics.time("resolve", () -> resolver.resolve(all));
    Manifest manifest = ManifestEmitter.manifest(resolved);
    Optional<Lock> released = Optional.empty();
    if (options.lock().isPresent()) {
      Path lockFile = options.lock().get();
      LockCheck.Outcome locked = statistics.time("lock",
          () -> LockCheck.check(resolved, manifest, lockFile, options.updateLock()));
      report(locked.problems());
      if (failed) {
        return;
      }
      locked.notes().forEach(printer::note);
      if (locked.release().isPresent()) {
        LockCheck.Written written = LockCheck.write(locked.release().get(), lockFile);
        written.note().ifPresent(printer::note);
        written.problem().ifPresent(problem -> report(List.of(problem)));
        if (failed) {
          return;
        }
      }
      locked.lock().ifPresent(lock -> writeResource(LOCK_RESOURCE, lock.render()));
      released = locked.lock();
    }
    statistics.time("manifest", () -> writeResource(ManifestEmitter.RESOURCE,
        ManifestEmitter.render(manifest)));
    statistics.time("docs", () -> {
      writeResource(SettingsReferenceEmitter.RESOURCE,
          SettingsReferenceEmitter.render(resolved).getBytes(StandardCharsets.UTF_8));
      if (!resolved.localContracts().isEmpty()) {
        writeResource(ContractsReferenceEmitter.RESOURCE,
            ContractsReferenceEmitter.render(resolved).getBytes(StandardCharsets.UTF_8));
      }
    });
    Optional<Lock> lockForRust = released;
    statistics.time("emit rust", () -> {
      byte[] rust = RustEmitter.emit(resolved, options.rustRuntime(), lockForRust)
          .getBytes(StandardCharsets.UTF_8);
      writeResource(RustEmitter.RESOURCE_DIR + RustEmitter.fileName(resolved), rust);
      writeResource(StandardLocation.SOURCE_OUTPUT, "rust/" + RustEmitter.fileName(resolved),
          rust);
      if (options.rustRuntime() == RustEmitter.Runtime.SHARED) {
        byte[] runtime = RustEmitter.runtime().getBytes(StandardCharsets.UTF_8);
        writeResource(RustEmitter.RESOURCE_DIR + RustEmitter.RUNTIME_FILE, runtime);
        writeResource(StandardLocation.SOURCE_OUTPUT, "rust/" + RustEmitter.RUNTIME_FILE,
            runtime);
      }
    });
  }

  private void writeResource(String path, byte[] bytes) {
    writeResource(StandardLocation.CLASS_OUTPUT, path, bytes);
  }

  private void writeResource(StandardLocation location, String path, byte[] bytes) {
    try {
      FileObject file = processingEnv.getFiler().createResource(location, "", path);
      try (OutputStream out = file.openOutputStream()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      error(DiagnosticCode.INTERNAL_ERROR, "cannot write " + path + ": " + e.getMessage());
    }
  }

  /** Prints each problem once (the lock check sees a round's changes again at the end). */
  private void report(List<Problem> problems) {
    for (Problem problem : problems) {
      if (reported.add(problem.render() + " @ " + problem.origin().describe())) {
        printer.print(problem);
      }
      failed = true;
    }
  }

  private void error(DiagnosticCode code, String message) {
    printer.print(code.tag() + " " + message);
    failed = true;
  }
}
