package dev.redao.runtime;

/**
 * A batch larger than one script ({@link ModelDao#BATCH_SIZE}) stopped part-way: the objects before
 * {@link #written()} (in the order given) were written, in whole scripts; none from there on. The
 * cause is the typed refusal, for example a {@link UniqueViolationException}.
 */
public class PartialBatchException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final int written;

    /**
     * A batch stopped part-way.
     *
     * @param model the model's name
     * @param verb what was done to the objects, such as {@code saved}
     * @param written how many objects, from the start of the batch, were written
     * @param cause the refusal that stopped it
     */
    public PartialBatchException(String model, String verb, int written, RedaoException cause) {
        super("batch of " + model + " stopped after " + written + " objects were " + verb + ": " + cause.getMessage(), cause);
        this.model = model;
        this.written = written;
    }

    /** {@return the model's name} */
    public String model() {
        return model;
    }

    /** {@return how many objects, from the start of the batch, were written} */
    public int written() {
        return written;
    }

    @Override
    public synchronized RedaoException getCause() {
        return (RedaoException) super.getCause();
    }
}
