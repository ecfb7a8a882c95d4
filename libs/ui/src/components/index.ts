export { Field, type FieldProps } from './field.js';
export { Button, type ButtonProps } from './button.js';
export { Notice } from './notice.js';
export { Form, type FormProps } from './form.js';
export { PageHeading } from './page-heading.js';
export { ConfirmButton } from './confirm-button.js';
export { errorMessage } from './error-message.js';
export { ActionButton } from './action-button.js';
export { QrCode } from './qr-code.js';
