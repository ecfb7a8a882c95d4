import { ApiProperty } from '@nestjs/swagger';

export class TotpEnrollmentResponse {
  @ApiProperty({ description: 'Base32 secret, for manual entry', example: 'JBSWY3DPEHPK3PXP' })
  secret!: string;
  @ApiProperty({ example: 'otpauth://totp/userkit:ada%40example.com?secret=…&issuer=userkit' })
  otpauthUri!: string;
}

export class BackupCodesResponse {
  @ApiProperty({
    type: [String],
    description: 'Ten single-use codes, shown this once',
    example: ['k7m2p-x9q4r'],
  })
  backupCodes!: string[];
}

export class TwoFactorChallengeResponse {
  @ApiProperty({ example: true }) twoFactorRequired!: true;
  @ApiProperty({ description: 'Single use, valid 5 minutes: send it to POST /auth/login/2fa' })
  challenge!: string;
}
