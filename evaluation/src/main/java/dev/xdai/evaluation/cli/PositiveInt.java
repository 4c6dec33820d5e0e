package dev.xdai.evaluation.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An option's whole number of at least 1 ({@code 100_000} reads as 100000); picocli names the option when it is not. */
public final class PositiveInt implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String text) {
    int n;
    try {
      n = Integer.parseInt(text.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not a whole number");
    }
    if (n < 1) throw new TypeConversionException("must be at least 1, got " + n);
    return n;
  }
}
