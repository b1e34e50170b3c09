package io.leadgate.forms;

import io.leadgate.config.Check;

/**
 * What a form gives in exchange: a URL the download link redirects to, or a file the gateway serves from its
 * assets folder.
 *
 * @param url          an http(s) URL, or a path on the gateway ({@code /demo/ebook.pdf})
 * @param file         a file name relative to the configured {@code assets} folder
 * @param linkTtlHours how long a download link stays valid
 */
public record MagnetConfig(String url, String file, Integer linkTtlHours) {
  public MagnetConfig {
    Check.that((url == null) != (file == null), "", "needs exactly one of url or file");
    Check.that(url == null || url.matches("(https?://[^\\s/]+|/)[^\\s]*"), "url",
        "must be an http(s) URL or a path starting with / (was \"" + url + "\")");
    Check.that(file == null || (!file.isBlank() && !file.startsWith("/") && !file.contains("..")
        && !file.contains("\\")), "file", "must be a relative path inside the assets folder, without .. (was \""
        + file + "\")");
    linkTtlHours = linkTtlHours == null ? 72 : linkTtlHours;
    Check.range(linkTtlHours, 1, 24 * 365, "linkTtlHours");
  }

  /** How the download is named in events and stats: the URL, or the file name. */
  public String label() {
    return url != null ? url : file;
  }
}
