/**
 * The annotations read by the Redao processor: {@link dev.redao.annotations.Model} and the field
 * annotations it works with.
 */
module dev.redao.annotations {
    exports dev.redao.annotations;
}
