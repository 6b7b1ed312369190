package io.aiox.bench.memory;

import java.util.Random;

/**
 * Stand-in for sentence embeddings, reproducible from a seed: points of a 32-dimensional latent space grouped in
 * topics, projected to 384 dimensions by a fixed random matrix, with a little isotropic noise, then normalized.
 * Sentence embeddings have a low intrinsic dimension and topical clusters; uniform random 384-dimensional vectors
 * would have neither and would make approximate search look worse than it is. A query is a latent neighbour of a
 * stored point: "a question about something remembered".
 */
final class SyntheticVectors {
  static final int DIM = 384;
  static final int LATENT = 32;
  private static final int TOPICS = 1_000;
  private static final double TOPIC_SPREAD = 0.6;
  private static final double QUERY_SPREAD = 0.35;
  private static final double NOISE = 0.02;

  private final float[][] projection = new float[DIM][LATENT];
  private final double[][] topics = new double[TOPICS][LATENT];

  SyntheticVectors(long seed) {
    Random r = new Random(seed);
    for (float[] row : projection) {
      for (int j = 0; j < LATENT; j++) {
        row[j] = (float) (r.nextGaussian() / Math.sqrt(LATENT));
      }
    }
    for (double[] t : topics) {
      for (int j = 0; j < LATENT; j++) {
        t[j] = r.nextGaussian();
      }
    }
  }

  /** A memory's latent point: a topic plus spread. */
  double[] latent(Random r) {
    double[] t = topics[r.nextInt(TOPICS)];
    double[] z = new double[LATENT];
    for (int j = 0; j < LATENT; j++) {
      z[j] = t[j] + r.nextGaussian() * TOPIC_SPREAD;
    }
    return z;
  }

  /** A query near a stored latent point. */
  double[] near(double[] z, Random r) {
    double[] q = new double[LATENT];
    for (int j = 0; j < LATENT; j++) {
      q[j] = z[j] + r.nextGaussian() * QUERY_SPREAD;
    }
    return q;
  }

  float[] embed(double[] z, Random r) {
    float[] v = new float[DIM];
    double norm = 0;
    for (int i = 0; i < DIM; i++) {
      double s = r.nextGaussian() * NOISE;
      float[] row = projection[i];
      for (int j = 0; j < LATENT; j++) {
        s += row[j] * z[j];
      }
      v[i] = (float) s;
      norm += s * s;
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < DIM; i++) {
      v[i] *= inv;
    }
    return v;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
