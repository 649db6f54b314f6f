package dev.redao.benchmarks;

import java.util.Random;

/** The users every phase works on: the same data for Redao and for the baseline. */
final class Workload {
    static final int COUNTRIES = 20;

    final int size;
    final String[] emails;
    final String[] countries;
    final int[] ages;
    final String[] names;
    final double[] scores;

    Workload(int size, long seed) {
        this.size = size;
        Random random = new Random(seed);
        emails = new String[size];
        countries = new String[size];
        ages = new int[size];
        names = new String[size];
        scores = new double[size];
        for (int i = 0; i < size; i++) {
            emails[i] = "user" + i + "@example.com";
            countries[i] = country(random.nextInt(COUNTRIES));
            ages[i] = random.nextInt(100);
            names[i] = "User Number " + i;
            scores[i] = random.nextDouble() * 1000;
        }
    }

    static String country(int n) {
        return "C" + (n < 10 ? "0" : "") + n;
    }

    User user(int i, Long id) {
        return new User(id, emails[i], countries[i], ages[i], names[i], scores[i]);
    }

    /** User {@code i}'s fields, for the unpartitioned side of the partitioned comparison. */
    Sample sample(int i) {
        return new Sample(null, countries[i], ages[i], names[i], scores[i]);
    }

    /** User {@code i}'s fields, for the compound index's side. */
    CompoundSample compoundSample(int i) {
        return new CompoundSample(null, countries[i], ages[i], names[i], scores[i]);
    }

    /** User {@code i}'s fields, for the partitioned side. */
    PartitionedSample partitionedSample(int i) {
        return new PartitionedSample(null, countries[i], ages[i], names[i], scores[i]);
    }

    /** User {@code i}'s fields, for the side of three partitions. */
    PartitionedSampleOfThree partitionedSampleOfThree(int i) {
        return new PartitionedSampleOfThree(null, countries[i], ages[i], names[i], scores[i]);
    }

    /** The country a user moves to in the update phase: always a different one. */
    String movedCountry(int i) {
        int now = Integer.parseInt(countries[i].substring(1));
        return country((now + 1 + i % (COUNTRIES - 1)) % COUNTRIES);
    }
}
