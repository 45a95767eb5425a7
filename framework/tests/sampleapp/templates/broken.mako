<p>line one</p>
<p>${undefined_name.attribute}</p>
