package io.aiox.worker.model.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a GGUF version 3 file: header, metadata key/values, tensor infos, then the tensor data, each tensor
 * aligned to {@link #ALIGNMENT} bytes; all little-endian. Tensor values are pulled from a {@link FloatSource} in
 * chunks and streamed to disk, so a large tensor never sits in memory whole.
 *
 * <p>Usage: add metadata and tensors in the order they should appear, then call {@link #write(Path)} once.
 */
public final class GgufWriter {
  /** The data alignment written as {@code general.alignment}. */
  public static final int ALIGNMENT = 32;

  private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
  private static final int VERSION = 3;
  private static final int CHUNK_VALUES = 1 << 16;

  // GGUF metadata value types
  private static final int T_UINT32 = 4;
  private static final int T_INT32 = 5;
  private static final int T_FLOAT32 = 6;
  private static final int T_BOOL = 7;
  private static final int T_STRING = 8;
  private static final int T_ARRAY = 9;

  /** The tensor element types this writer can store. */
  public enum TensorType {
    /** 32-bit IEEE float. */
    F32(0, 4),
    /** 16-bit IEEE half float. */
    F16(1, 2);

    final int ggmlType;
    final int bytes;

    TensorType(int ggmlType, int bytes) {
      this.ggmlType = ggmlType;
      this.bytes = bytes;
    }
  }

  /** Supplies a tensor's values in storage order (innermost dimension fastest), a chunk at a time. */
  @FunctionalInterface
  public interface FloatSource {
    /** Fills {@code chunk[0..count)} with the next {@code count} values. */
    void fill(float[] chunk, int count);

    /** Every value the same. */
    static FloatSource constant(float value) {
      return (chunk, count) -> Arrays.fill(chunk, 0, count, value);
    }
  }

  @FunctionalInterface
  private interface ValueWriter {
    void write(Sink sink) throws IOException;
  }

  private record Tensor(String name, TensorType type, long[] dims, long elements, FloatSource source) {
    long bytes() {
      return elements * type.bytes;
    }
  }

  private final Map<String, ValueWriter> metadata = new LinkedHashMap<>();
  private final List<Tensor> tensors = new ArrayList<>();
  private final Map<String, Boolean> tensorNames = new LinkedHashMap<>();

  /** A writer with {@code general.alignment} already set. */
  public GgufWriter() {
    putUInt32("general.alignment", ALIGNMENT);
  }

  /** Adds a UTF-8 string value. */
  public GgufWriter putString(String key, String value) {
    Objects.requireNonNull(value, key);
    return put(key, s -> {
      s.u32(T_STRING);
      s.string(value);
    });
  }

  /** Adds an unsigned 32-bit value (given as a non-negative int or long up to 2^32-1). */
  public GgufWriter putUInt32(String key, long value) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(key + ": not a uint32: " + value);
    }
    return put(key, s -> {
      s.u32(T_UINT32);
      s.u32((int) value);
    });
  }

  /** Adds a signed 32-bit value. */
  public GgufWriter putInt32(String key, int value) {
    return put(key, s -> {
      s.u32(T_INT32);
      s.u32(value);
    });
  }

  /** Adds a 32-bit float value. */
  public GgufWriter putFloat32(String key, float value) {
    return put(key, s -> {
      s.u32(T_FLOAT32);
      s.f32(value);
    });
  }

  /** Adds a boolean value. */
  public GgufWriter putBool(String key, boolean value) {
    return put(key, s -> {
      s.u32(T_BOOL);
      s.u8(value ? 1 : 0);
    });
  }

  /** Adds an array of strings (the list is read when the file is written). */
  public GgufWriter putStringArray(String key, List<String> values) {
    Objects.requireNonNull(values, key);
    return put(key, s -> {
      s.u32(T_ARRAY);
      s.u32(T_STRING);
      s.u64(values.size());
      for (String v : values) {
        s.string(v);
      }
    });
  }

  /** Adds an array of 32-bit floats (the array is read when the file is written). */
  public GgufWriter putFloat32Array(String key, float[] values) {
    Objects.requireNonNull(values, key);
    return put(key, s -> {
      s.u32(T_ARRAY);
      s.u32(T_FLOAT32);
      s.u64(values.length);
      for (float v : values) {
        s.f32(v);
      }
    });
  }

  /** Adds an array of signed 32-bit ints (the array is read when the file is written). */
  public GgufWriter putInt32Array(String key, int[] values) {
    Objects.requireNonNull(values, key);
    return put(key, s -> {
      s.u32(T_ARRAY);
      s.u32(T_INT32);
      s.u64(values.length);
      for (int v : values) {
        s.u32(v);
      }
    });
  }

  private GgufWriter put(String key, ValueWriter value) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("empty metadata key");
    }
    if (metadata.putIfAbsent(key, value) != null) {
      throw new IllegalArgumentException("duplicate metadata key: " + key);
    }
    return this;
  }

  /**
   * Adds a tensor. {@code dims} are GGUF dimensions, innermost first ({@code ne0} is the row length), at most 4.
   * The source is called only while {@link #write(Path)} runs.
   */
  public GgufWriter addTensor(String name, TensorType type, long[] dims, FloatSource source) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 63) {
      throw new IllegalArgumentException("bad tensor name: " + name);
    }
    if (dims.length < 1 || dims.length > 4) {
      throw new IllegalArgumentException(name + ": 1 to 4 dimensions, not " + dims.length);
    }
    long elements = 1;
    for (long d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException(name + ": dimension " + d);
      }
      elements = Math.multiplyExact(elements, d);
    }
    if (tensorNames.putIfAbsent(name, Boolean.TRUE) != null) {
      throw new IllegalArgumentException("duplicate tensor: " + name);
    }
    tensors.add(new Tensor(name, type, dims.clone(), elements, source));
    return this;
  }

  /** Writes the file, replacing any file already at {@code out}. */
  public void write(Path out) throws IOException {
    try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      Sink s = new Sink(channel);
      s.u32(MAGIC);
      s.u32(VERSION);
      s.u64(tensors.size());
      s.u64(metadata.size());
      for (Map.Entry<String, ValueWriter> kv : metadata.entrySet()) {
        s.string(kv.getKey());
        kv.getValue().write(s);
      }
      long offset = 0;
      for (Tensor t : tensors) {
        s.string(t.name());
        s.u32(t.dims().length);
        for (long d : t.dims()) {
          s.u64(d);
        }
        s.u32(t.type().ggmlType);
        s.u64(offset);
        offset = align(offset + t.bytes());
      }
      s.pad();
      float[] chunk = new float[CHUNK_VALUES];
      for (Tensor t : tensors) {
        long left = t.elements();
        while (left > 0) {
          int n = (int) Math.min(left, CHUNK_VALUES);
          t.source().fill(chunk, n);
          for (int i = 0; i < n; i++) {
            if (t.type() == TensorType.F16) {
              s.u16(Float.floatToFloat16(chunk[i]));
            } else {
              s.f32(chunk[i]);
            }
          }
          left -= n;
        }
        s.pad();
      }
      s.flush();
    }
  }

  private static long align(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  /** A buffered little-endian writer over a channel that knows its position. */
  private static final class Sink {
    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private long position;

    Sink(FileChannel channel) {
      this.channel = channel;
    }

    private void room(int n) throws IOException {
      if (buf.remaining() < n) {
        flush();
      }
    }

    void u8(int v) throws IOException {
      room(1);
      buf.put((byte) v);
      position += 1;
    }

    void u16(short v) throws IOException {
      room(2);
      buf.putShort(v);
      position += 2;
    }

    void u32(int v) throws IOException {
      room(4);
      buf.putInt(v);
      position += 4;
    }

    void u64(long v) throws IOException {
      room(8);
      buf.putLong(v);
      position += 8;
    }

    void f32(float v) throws IOException {
      room(4);
      buf.putFloat(v);
      position += 4;
    }

    void string(String v) throws IOException {
      byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
      u64(bytes.length);
      int done = 0;
      while (done < bytes.length) {
        if (!buf.hasRemaining()) {
          flush();
        }
        int n = Math.min(buf.remaining(), bytes.length - done);
        buf.put(bytes, done, n);
        done += n;
      }
      position += bytes.length;
    }

    /** Zero bytes up to the next multiple of the alignment. */
    void pad() throws IOException {
      long target = align(position);
      while (position < target) {
        u8(0);
      }
    }

    void flush() throws IOException {
      buf.flip();
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      buf.clear();
    }
  }
}
