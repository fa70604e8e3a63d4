package dev.hooklane.service.ssrf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which addresses webhooks may be sent to: public addresses, plus the blocks of an
 * allow-list (for development and tests, e.g. {@code 127.0.0.1/32}). Pure: it resolves nothing;
 * callers resolve host names and check every address they got.
 */
public final class AddressPolicy {

    private final List<Cidr> allowList;

    public AddressPolicy(List<Cidr> allowList) {
        this.allowList = List.copyOf(Objects.requireNonNull(allowList, "allowList"));
    }

    /** Public addresses only. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    /** Reads an allow-list such as {@code 127.0.0.1/32, ::1/128}; blanks are ignored. */
    public static AddressPolicy withAllowList(List<String> cidrs) {
        return new AddressPolicy(cidrs.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList());
    }

    public List<Cidr> allowList() {
        return allowList;
    }

    /**
     * The verdict on one address.
     *
     * @param address what was checked
     * @param category its kind
     * @param allowed whether a request may go there
     */
    public record Verdict(IpAddress address, AddressCategory category, boolean allowed) {
        /** Why it was refused, e.g. {@code 10.0.0.1 is a private address}. */
        public String reason() {
            return address + " is " + category.description();
        }
    }

    public Verdict check(IpAddress address) {
        AddressCategory category = AddressClassifier.classify(address);
        boolean allowed = category == AddressCategory.PUBLIC || allowList.stream().anyMatch(block -> block.contains(address));
        return new Verdict(address, category, allowed);
    }

    /**
     * The verdict on a URL's host when the host is an address literal in any spelling; empty for a
     * host name, which must be resolved and each of its addresses checked.
     */
    public Optional<Verdict> checkLiteral(String host) {
        return IpLiterals.parse(host).map(this::check);
    }
}
