package io.leadgate.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The maintained lists of disposable and free-mail domains shipped in the jar ({@code lists/}, refreshed from their
 * npm packages by {@code .ci/refresh-lists.sh}). A domain matches when it or a parent domain is listed
 * ({@code x.mailinator.com} is disposable because {@code mailinator.com} is).
 */
public final class DomainLists {
  private final PackedDomains disposable;
  private final PackedDomains freeMail;

  public DomainLists(Collection<String> disposable, Collection<String> freeMail) {
    this.disposable = PackedDomains.of(disposable);
    this.freeMail = PackedDomains.of(freeMail);
  }

  /** The lists in the jar. Read once at start-up. */
  public static DomainLists shipped() {
    return new DomainLists(load("lists/disposable-email-domains.json"), load("lists/free-email-domains.json"));
  }

  public boolean isDisposable(String domain) {
    return listed(disposable, domain);
  }

  public boolean isFreeMail(String domain) {
    return listed(freeMail, domain);
  }

  private static boolean listed(PackedDomains list, String domain) {
    String candidate = domain.toLowerCase(Locale.ROOT);
    while (candidate.indexOf('.') > 0) {
      if (list.contains(candidate)) {
        return true;
      }
      candidate = candidate.substring(candidate.indexOf('.') + 1);
    }
    return false;
  }

  private static List<String> load(String resource) {
    try (InputStream in = DomainLists.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return List.of(new ObjectMapper().readValue(in, String[].class));
    } catch (IOException e) {
      throw new IllegalStateException(resource + " cannot be read", e);
    }
  }
}
