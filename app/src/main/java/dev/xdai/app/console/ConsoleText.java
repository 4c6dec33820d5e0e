package dev.xdai.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's UI text for its scripts: every message of {@link ConsoleMessages} in one language, as JSON. The
 * templates and the scripts read the one bundle, so a text is translated once.
 */
@ApplicationScoped
public class ConsoleText {

  @Inject ObjectMapper json;

  private final Map<ConsoleLanguage, String> cache = new EnumMap<>(ConsoleLanguage.class);

  /** Every message by key, in the language. */
  public Map<String, String> messages(ConsoleLanguage language) {
    ConsoleMessages bundle = MessageBundles.get(ConsoleMessages.class, Localized.Literal.of(language.code()));
    Map<String, String> out = new LinkedHashMap<>();
    Method[] methods = ConsoleMessages.class.getMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method m : methods) {
      if (m.getParameterCount() != 0 || m.getReturnType() != String.class) continue;
      try {
        out.put(m.getName(), (String) m.invoke(bundle));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read message " + m.getName(), e);
      }
    }
    return out;
  }

  /** The messages as JSON that is safe inside a {@code <script>} element ({@code <} is escaped). */
  public synchronized String json(ConsoleLanguage language) {
    return cache.computeIfAbsent(language, l -> {
      try {
        return json.writeValueAsString(messages(l)).replace("<", "\\u003c");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e); // a map of strings always serialises
      }
    });
  }
}
