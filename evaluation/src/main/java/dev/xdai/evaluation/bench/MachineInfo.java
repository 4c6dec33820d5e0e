package dev.xdai.evaluation.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine a benchmark ran on: cores, memory, JVM and OS, and the system load average when it started (a busy
 * machine makes figures slower and noisier), printed with every figure.
 */
public record MachineInfo(int cores, long physicalMemoryMb, long maxHeapMb, String jvm, String vendor, String os,
    double loadAverage) {

  /** This machine. */
  public static MachineInfo current() {
    long physical = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      physical = os.getTotalMemorySize() / (1024 * 1024);
    }
    return new MachineInfo(Runtime.getRuntime().availableProcessors(), physical, Runtime.getRuntime().maxMemory() / (1024 * 1024),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("java.vendor"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", cores);
    m.put("memory_mb", physicalMemoryMb);
    m.put("max_heap_mb", maxHeapMb);
    m.put("jvm", jvm);
    m.put("vendor", vendor);
    m.put("os", os);
    m.put("load_average", loadAverage < 0 ? null : Math.round(loadAverage * 100) / 100.0);
    return m;
  }

  /** One line for a person: {@code 2 cores, 24.0 GiB memory (max heap 6.0 GiB), <JVM> (<vendor>), Linux amd64, load average 1.20}. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%d cores, %.1f GiB memory (max heap %.1f GiB), %s (%s), %s, load average %s",
        cores, physicalMemoryMb / 1024.0, maxHeapMb / 1024.0, jvm, vendor, os, loadAverage < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", loadAverage));
  }
}
