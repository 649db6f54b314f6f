package dev.redao.runtime;

/**
 * A delete was refused because another object still references the one being deleted through a
 * reference with {@code onDelete = RESTRICT}. Nothing of the call was written.
 */
public class ReferencedObjectException extends RedaoException {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final Object id;
    private final String referrerModel;
    private final String referrerField;
    private final String referrerId;

    /**
     * A delete refused by an {@code OnDelete.RESTRICT} reference.
     *
     * @param model the model of the object that was to be deleted
     * @param id its id
     * @param referrerModel the model of the referencing object
     * @param referrerField the referencing field
     * @param referrerId the referencing object's id, as stored
     */
    public ReferencedObjectException(String model, Object id, String referrerModel, String referrerField, String referrerId) {
        super("cannot delete " + model + " id " + id + ": " + referrerModel + " id " + referrerId + " references it through "
                + referrerModel + "." + referrerField + " (onDelete = RESTRICT); nothing was written");
        this.model = model;
        this.id = id;
        this.referrerModel = referrerModel;
        this.referrerField = referrerField;
        this.referrerId = referrerId;
    }

    /** {@return the model of the object that was to be deleted} */
    public String model() {
        return model;
    }

    /** {@return the id of the object that was to be deleted, typed as its model's id} */
    public Object id() {
        return id;
    }

    /** {@return the model of the referencing object} */
    public String referrerModel() {
        return referrerModel;
    }

    /** {@return the field of the referencing model that holds the reference} */
    public String referrerField() {
        return referrerField;
    }

    /** {@return the referencing object's id, as stored} */
    public String referrerId() {
        return referrerId;
    }
}
