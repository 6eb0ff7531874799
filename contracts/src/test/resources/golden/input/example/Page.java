package example;

import io.codeanatomy.contracts.annotations.Contract;
import java.util.List;
import java.util.Optional;

/** Golden input: a sorted-map contract, nested in another. */
@Contract(name = "page", version = 1)
public record Page(String url, int status, Optional<String> title, List<String> links)
    implements PageContract.Mixin {}
