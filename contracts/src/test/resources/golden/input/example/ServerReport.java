package example;

import io.codeanatomy.contracts.annotations.AbsentAs;
import io.codeanatomy.contracts.annotations.Bag;
import io.codeanatomy.contracts.annotations.Contract;
import io.codeanatomy.contracts.annotations.Provenance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Golden input: an ordered-pairs contract with every field shape and marker. */
@Contract(name = "server_report", version = 3, layout = Contract.Layout.ORDERED_PAIRS)
public record ServerReport(
    String host,
    long requests,
    double errorRate,
    boolean healthy,
    byte[] digest,
    Compression compression,
    @Bag List<String> tags,
    @Bag List<Compression> codecs,
    Map<String, Long> counters,
    Optional<String> note,
    @AbsentAs(AbsentAs.Form.EMPTY_STRING) Optional<String> parentHash,
    OptionalLong lastSeenUnixMs,
    @Bag List<Page> pages,
    Map<String, List<Integer>> histogram,
    @Provenance long createdAtUnixMs)
    implements ServerReportContract.Mixin {}
