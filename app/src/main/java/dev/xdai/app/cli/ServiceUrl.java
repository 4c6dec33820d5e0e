package dev.xdai.app.cli;

import java.net.URI;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --url}: a running service's base URL (any replica), checked when the command line is parsed. */
public final class ServiceUrl implements ITypeConverter<URI> {
  @Override
  public URI convert(String text) {
    try {
      return ServiceTarget.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
