${h.secure_form('/forms/protected')}
<input type="text" name="field">
</form>
